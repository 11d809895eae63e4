package io.cerebro.core.uplift.forest;

import io.cerebro.core.uplift.model.FeatureMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Forests grown together in one pass are, to the bit, the forests grown one at a time. */
class CausalForestJointGrowthTest {
    @Test
    void jointGrowthGivesTheSeparateForests() {
        // 30 features: more than mtry (26), so the trees' feature draws are exercised too
        for (int p : new int[] {5, 30}) {
            int n = 4000;
            SplittableRandom r = new SplittableRandom(7 + p);
            double[][] x = new double[p][n];
            double[] w = new double[n];
            double[] wr = new double[n];
            double[] yr = new double[n];
            double[] other = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    x[j][i] = r.nextDouble() * 2 - 1;
                }
                w[i] = r.nextDouble() < 0.5 ? 1 : 0;
                wr[i] = w[i] - 0.5;
                double tau = 1 + x[0][i];
                yr[i] = x[1][i] + wr[i] * tau + r.nextGaussian();
                other[i] = yr[i] - wr[i] * (0.8 + 0.9 * x[0][i]);
            }
            List<String> names = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                names.add("x" + j);
            }
            FeatureMatrix fm = new FeatureMatrix(names, x);
            int[] last = new int[1];
            CausalForest[] both = CausalForest.grow(fm, new double[][] {yr, other}, wr, w, 40, 5, 42, d -> last[0] = Math.max(last[0], d));
            assertEquals(80, last[0], "progress counts the trees of both forests");
            CausalForest a = CausalForest.grow(fm, yr, wr, w, 40, 5, 42, d -> { });
            CausalForest b = CausalForest.grow(fm, other, wr, w, 40, 5, 42, d -> { });
            same(a, both[0], x);
            same(b, both[1], x);
        }
    }

    private static void same(CausalForest expected, CausalForest actual, double[][] x) {
        CausalForest.Tree[] e = expected.treesArray();
        CausalForest.Tree[] g = actual.treesArray();
        assertEquals(e.length, g.length);
        for (int t = 0; t < e.length; t++) {
            assertArrayEquals(e[t].feature, g[t].feature);
            assertArrayEquals(e[t].bin, g[t].bin);
            assertArrayEquals(e[t].left, g[t].left);
            assertArrayEquals(e[t].moments, g[t].moments, 0.0);
        }
        assertArrayEquals(expected.importance(), actual.importance(), 0.0);
        double[][] pe = expected.predict(x, true);
        double[][] pa = actual.predict(x, true);
        assertArrayEquals(pe[0], pa[0], 0.0);
        assertArrayEquals(pe[1], pa[1], 0.0);
    }
}
