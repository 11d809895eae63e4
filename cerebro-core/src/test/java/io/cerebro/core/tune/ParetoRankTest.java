package io.cerebro.core.tune;

import io.cerebro.core.tune.sampler.Losses;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The fast non-domination ranks equal the definition: fronts peeled one at a time (with ties and duplicates). */
class ParetoRankTest {
    static int[] peel(double[][] v) {
        int[] rank = new int[v.length];
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            left.add(i);
        }
        int r = 0;
        while (!left.isEmpty()) {
            List<Integer> front = new ArrayList<>();
            for (int i : left) {
                boolean dominated = false;
                for (int j : left) {
                    boolean noWorse = true;
                    boolean better = false;
                    for (int k = 0; k < v[i].length; k++) {
                        noWorse &= v[j][k] <= v[i][k];
                        better |= v[j][k] < v[i][k];
                    }
                    dominated |= noWorse && better;
                }
                if (!dominated) {
                    front.add(i);
                }
            }
            for (int i : front) {
                rank[i] = r;
            }
            left.removeAll(front);
            r++;
        }
        return rank;
    }

    @Test
    void ranksEqualFrontPeelingForOneTwoAndThreeObjectives() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int m = 1; m <= 3; m++) {
            for (int rep = 0; rep < 40; rep++) {
                int n = 1 + rng.nextInt(80);
                double[][] v = new double[n][m];
                for (double[] row : v) {
                    for (int k = 0; k < m; k++) {
                        row[k] = rep % 2 == 0 ? rng.nextInt(6) : rng.nextDouble(); // integers force ties and duplicates
                    }
                }
                assertArrayEquals(peel(v), Losses.paretoRanks(v), "m " + m + " rep " + rep);
            }
        }
        assertArrayEquals(new int[0], Losses.paretoRanks(new double[0][]));
    }
}
