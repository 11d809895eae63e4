package io.cerebro.core.causal.observational;

import io.cerebro.core.spec.Estimand;

import java.util.Random;

/**
 * Augmented inverse probability weighting (the doubly robust estimator of Robins, Rotnitzky and
 * Zhao 1994): consistent when either the propensity model or the outcome model is right. Optional
 * K-fold cross-fitting fits both models without each fold's own rows (Chernozhukov et al. 2018).
 * The standard error is the empirical variance of the efficient influence function.
 */
public final class AipwEstimator {
    private AipwEstimator() {
    }

    /**
     * @param estimate      the doubly robust estimate
     * @param standardError influence-function standard error
     * @param scores        per-unit propensity scores used (out of fold when cross-fitted)
     */
    public record Result(double estimate, double standardError, double[] scores) {
    }

    /**
     * @param x        design rows (intercept first), used by both models
     * @param names    design names
     * @param t        0/1 treatment
     * @param y        outcome
     * @param binary   use logistic outcome models
     * @param estimand ATE, ATT or ATC
     * @param folds    cross-fitting folds (below 2: none)
     * @param clip     clip scores to [clip, 1 - clip] (0 for none)
     * @param seed     fold assignment seed
     */
    public static Result estimate(double[][] x, String[] names, double[] t, double[] y, boolean binary, Estimand estimand,
                                  int folds, double clip, long seed) {
        return estimate(x, names, t, y, binary, estimand, folds, clip, seed, null);
    }

    /**
     * As {@link #estimate(double[][], String[], double[], double[], boolean, Estimand, int, double, long)},
     * reusing already fitted propensity scores when there is no cross-fitting.
     *
     * @param scores propensity scores fitted on all rows, or null to fit them here
     */
    public static Result estimate(double[][] x, String[] names, double[] t, double[] y, boolean binary, Estimand estimand,
                                  int folds, double clip, long seed, double[] scores) {
        int n = t.length;
        double[] e = new double[n];
        double[] m1 = new double[n];
        double[] m0 = new double[n];
        if (folds < 2) {
            fill(x, names, t, y, binary, null, -1, e, m1, m0, scores);
        } else {
            int[] fold = new int[n];
            Random rnd = new Random(seed);
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
            for (int i = 0; i < n; i++) {
                fold[perm[i]] = i % folds;
            }
            for (int f = 0; f < folds; f++) {
                fill(x, names, t, y, binary, fold, f, e, m1, m0, null);
            }
        }
        if (clip > 0) {
            for (int i = 0; i < n; i++) {
                e[i] = Math.min(Math.max(e[i], clip), 1 - clip);
            }
        }
        double[] psi = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double ti = t[i];
            switch (estimand) {
                case ATE -> {
                    psi[i] = m1[i] - m0[i] + ti * (y[i] - m1[i]) / e[i] - (1 - ti) * (y[i] - m0[i]) / (1 - e[i]);
                    norm += 1;
                }
                case ATT -> {
                    psi[i] = ti * (y[i] - m0[i]) - (1 - ti) * e[i] / (1 - e[i]) * (y[i] - m0[i]);
                    norm += ti;
                }
                case ATC -> {
                    psi[i] = (1 - ti) * (m1[i] - y[i]) + ti * (1 - e[i]) / e[i] * (y[i] - m1[i]);
                    norm += 1 - ti;
                }
            }
        }
        double est = 0;
        for (double v : psi) {
            est += v;
        }
        est /= norm;
        double v = 0;
        for (int i = 0; i < n; i++) {
            double member = switch (estimand) {
                case ATE -> 1;
                case ATT -> t[i];
                case ATC -> 1 - t[i];
            };
            double d = psi[i] - member * est;
            v += d * d;
        }
        double se = Math.sqrt(v) / norm;
        return new Result(est, se, e);
    }

    private static void fill(double[][] x, String[] names, double[] t, double[] y, boolean binary, int[] fold, int f,
                             double[] e, double[] m1, double[] m0, double[] scores) {
        int n = t.length;
        boolean[] train = new boolean[n];
        boolean[] train1 = new boolean[n];
        boolean[] train0 = new boolean[n];
        for (int i = 0; i < n; i++) {
            train[i] = fold == null || fold[i] != f;
            train1[i] = train[i] && t[i] == 1;
            train0[i] = train[i] && t[i] == 0;
        }
        double[] ps = scores != null ? scores : LogisticRegression.fit(names, x, t, train, "propensity model").fitted();
        double[] p1 = OutcomeModel.fitPredict(x, names, y, train1, binary, "outcome model for the treated");
        double[] p0 = OutcomeModel.fitPredict(x, names, y, train0, binary, "outcome model for the controls");
        for (int i = 0; i < n; i++) {
            if (fold == null || fold[i] == f) {
                e[i] = ps[i];
                m1[i] = p1[i];
                m0[i] = p0[i];
            }
        }
    }
}
