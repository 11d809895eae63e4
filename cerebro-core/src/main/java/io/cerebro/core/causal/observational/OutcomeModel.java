package io.cerebro.core.causal.observational;

import io.cerebro.core.stats.Matrices;
import io.cerebro.core.stats.LinearModel;

/**
 * A per-arm outcome regression E[Y | X, T = arm]: least squares for a continuous outcome, logistic
 * regression for a 0/1 outcome. Fitted on a subset of rows (one arm, or one arm outside a
 * cross-fitting fold) and predicted for every row.
 */
final class OutcomeModel {
    private OutcomeModel() {
    }

    /** Fits on rows where {@code use[i]} and returns predictions for all rows. */
    static double[] fitPredict(double[][] x, String[] names, double[] y, boolean[] use, boolean binary, String what) {
        int n = y.length;
        double[] beta;
        if (binary) {
            beta = LogisticRegression.fit(names, x, y, use, what).coefficients();
        } else {
            int m = 0;
            for (boolean u : use) {
                m += u ? 1 : 0;
            }
            double[][] xs = new double[m][];
            double[] ys = new double[m];
            int j = 0;
            for (int i = 0; i < n; i++) {
                if (use[i]) {
                    xs[j] = x[i];
                    ys[j++] = y[i];
                }
            }
            beta = LinearModel.fit(names, xs, ys).coefficients();
        }
        double[] pred = new double[n];
        for (int i = 0; i < n; i++) {
            double s = Matrices.dot(x[i], beta);
            pred[i] = binary ? 1 / (1 + Math.exp(-s)) : s;
        }
        return pred;
    }
}
