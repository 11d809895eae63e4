package io.cerebro.core.causal.observational;

import io.cerebro.core.spec.Estimand;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sub-quadratic neighbour searches (sorted scores, k-d tree with removal) against brute force
 * on random data, including greedy matching without replacement.
 */
class NeighbourSearchTest {
    static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    @Test
    void kdTreeGreedyWithoutReplacementEqualsBruteForce() {
        Random r = new Random(4);
        for (int dim : new int[]{1, 2, 3, 6}) {
            int n = 400;
            double[][] pts = new double[n][dim];
            for (double[] p : pts) {
                for (int a = 0; a < dim; a++) {
                    p[a] = r.nextGaussian();
                }
            }
            int pool = 300;
            double[][] poolPts = java.util.Arrays.copyOf(pts, pool);
            KdTree tree = new KdTree(poolPts);
            boolean[] used = new boolean[pool];
            for (int q = pool; q < n; q++) {
                int best = -1;
                double bd = Double.POSITIVE_INFINITY;
                for (int j = 0; j < pool; j++) {
                    if (!used[j] && dist2(pts[q], poolPts[j]) < bd) {
                        bd = dist2(pts[q], poolPts[j]);
                        best = j;
                    }
                }
                int got = tree.nearestOne(pts[q], Double.POSITIVE_INFINITY);
                assertEquals(best, got, "dim " + dim + " query " + q);
                used[got] = true;
                tree.remove(got);
            }
        }
    }

    @Test
    void scoreIndexKNearestWithTiesEqualsBruteForce() {
        Random r = new Random(5);
        double[] s = new double[500];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.round(r.nextDouble() * 200) / 200.0;
        }
        ScoreIndex idx = ScoreIndex.of(s);
        for (int q = 0; q < 100; q++) {
            double v = r.nextDouble();
            int k = 1 + r.nextInt(3);
            int[] got = idx.nearest(new double[]{v}, k, 1e-9, Double.POSITIVE_INFINITY);
            double[] d = new double[s.length];
            for (int j = 0; j < s.length; j++) {
                d[j] = Math.abs(s[j] - v);
            }
            double[] sorted = d.clone();
            java.util.Arrays.sort(sorted);
            double kth = sorted[k - 1];
            long expected = java.util.Arrays.stream(d).filter(x -> x * x <= kth * kth + 1e-9).count();
            assertEquals(expected, got.length);
        }
    }

    @Test
    void scoreRangeMatcherEqualsIndexWithTies() {
        Random r = new Random(6);
        int n = 2000;
        double[][] pts = new double[n][1];
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            pts[i][0] = Math.round(r.nextDouble() * 300) / 300.0;
            t[i] = r.nextDouble() < 0.3 ? 1 : 0;
            y[i] = r.nextGaussian() + t[i];
        }
        // the scalar path (prefix sums) against the same points lifted to two dimensions (k-d tree path)
        double[][] lifted = new double[n][];
        for (int i = 0; i < n; i++) {
            lifted[i] = new double[]{pts[i][0], 0};
        }
        for (Estimand e : Estimand.values()) {
            MatchingEstimator.Result a = MatchingEstimator.estimate(pts, t, y, e, 2, true, Double.POSITIVE_INFINITY, 0.3);
            MatchingEstimator.Result b = MatchingEstimator.estimate(lifted, t, y, e, 2, true, Double.POSITIVE_INFINITY, 0.3);
            assertEquals(b.estimate(), a.estimate(), 1e-12, e.toString());
            assertEquals(b.standardError(), a.standardError(), 1e-9, e.toString());
            assertArrayEquals(b.weights(), a.weights(), 1e-12);
        }
    }
}
