package io.cerebro.core.uplift.learner;

import java.util.Random;

/**
 * K folds stratified by treatment: each arm is shuffled with the seed and dealt round-robin, so every
 * fold holds about 1/K of each arm.
 */
public final class Folds {
    private final int k;
    private final int[] fold;
    private final int[][] train;
    private final int[][] test;

    public Folds(double[] w, int k, long seed) {
        this.k = k;
        int n = w.length;
        fold = new int[n];
        Random r = new Random(seed);
        for (int arm = 0; arm <= 1; arm++) {
            int m = 0;
            for (double v : w) {
                m += v == arm ? 1 : 0;
            }
            int[] idx = new int[m];
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (w[i] == arm) {
                    idx[c++] = i;
                }
            }
            for (int i = m - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            for (int i = 0; i < m; i++) {
                fold[idx[i]] = i % k;
            }
        }
        int[] size = new int[k];
        for (int f : fold) {
            size[f]++;
        }
        train = new int[k][];
        test = new int[k][];
        for (int f = 0; f < k; f++) {
            test[f] = new int[size[f]];
            train[f] = new int[n - size[f]];
        }
        int[] ti = new int[k];
        int[] tr = new int[k];
        for (int i = 0; i < n; i++) {
            int f = fold[i];
            test[f][ti[f]++] = i;
            for (int g = 0; g < k; g++) {
                if (g != f) {
                    train[g][tr[g]++] = i;
                }
            }
        }
    }

    public int k() {
        return k;
    }

    /** @return the rows outside fold {@code f}. */
    public int[] train(int f) {
        return train[f];
    }

    /** @return the rows of fold {@code f}. */
    public int[] test(int f) {
        return test[f];
    }

    /** @return the rows among {@code rows} whose treatment is {@code arm}. */
    public static int[] arm(int[] rows, double[] w, int arm) {
        int c = 0;
        for (int i : rows) {
            c += w[i] == arm ? 1 : 0;
        }
        int[] out = new int[c];
        c = 0;
        for (int i : rows) {
            if (w[i] == arm) {
                out[c++] = i;
            }
        }
        return out;
    }
}
