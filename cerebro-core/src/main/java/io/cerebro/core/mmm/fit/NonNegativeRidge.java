package io.cerebro.core.mmm.fit;

import java.util.Arrays;

/**
 * Ridge regression with an unpenalised intercept and sign constraints: minimises
 * {@code (1/2m) ||y - b0 - X b||^2 + (lambda/2) ||b_std||^2} over the first {@code m} rows, where
 * {@code b_std} are the coefficients of the columns standardised over those rows (glmnet's scale
 * with {@code alpha = 0}), subject to {@code b_j >= 0} for the constrained columns. Solved exactly
 * by the Lawson-Hanson active-set method on the standardised normal equations, which the penalty
 * makes positive definite, so the answer is unique and does not depend on a starting point.
 * A column constant over the rows gets coefficient 0.
 */
public final class NonNegativeRidge {
    private NonNegativeRidge() {
    }

    /**
     * The fitted coefficients.
     *
     * @param intercept    the intercept on the original scale
     * @param coefficients per column, on the original scale
     */
    public record Solution(double intercept, double[] coefficients) {
    }

    /**
     * @param columns  {@code columns[j][t]}
     * @param y        the outcome
     * @param rows     fit on rows {@code 0..rows-1}
     * @param nonNeg   per column, whether its coefficient must be at least 0
     * @param lambda   the ridge penalty on the standardised scale, positive
     */
    public static Solution fit(double[][] columns, double[] y, int rows, boolean[] nonNeg, double lambda) {
        int p = columns.length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        double ym = 0;
        for (int t = 0; t < rows; t++) {
            ym += y[t];
        }
        ym /= rows;
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (int t = 0; t < rows; t++) {
                m += columns[j][t];
            }
            m /= rows;
            double ss = 0;
            for (int t = 0; t < rows; t++) {
                double d = columns[j][t] - m;
                ss += d * d;
            }
            mean[j] = m;
            sd[j] = Math.sqrt(ss / rows);
        }
        boolean[] live = new boolean[p];
        for (int j = 0; j < p; j++) {
            live[j] = sd[j] > 1e-12 * Math.max(1, Math.abs(mean[j]));
        }
        double[][] a = new double[p][p];
        double[] c = new double[p];
        for (int j = 0; j < p; j++) {
            if (!live[j]) {
                continue;
            }
            double[] xj = columns[j];
            double cj = 0;
            for (int t = 0; t < rows; t++) {
                cj += (xj[t] - mean[j]) * (y[t] - ym);
            }
            c[j] = cj / (rows * sd[j]);
            for (int k = j; k < p; k++) {
                if (!live[k]) {
                    continue;
                }
                double[] xk = columns[k];
                double s = 0;
                for (int t = 0; t < rows; t++) {
                    s += (xj[t] - mean[j]) * (xk[t] - mean[k]);
                }
                a[j][k] = s / (rows * sd[j] * sd[k]);
                a[k][j] = a[j][k];
            }
            a[j][j] += lambda;
        }
        double[] b = activeSet(a, c, nonNeg, live);
        double[] coef = new double[p];
        double intercept = ym;
        for (int j = 0; j < p; j++) {
            if (live[j]) {
                coef[j] = b[j] / sd[j];
                intercept -= coef[j] * mean[j];
            }
        }
        return new Solution(intercept, coef);
    }

    /**
     * Minimises {@code b'Ab/2 - c'b} with {@code b_j >= 0} where {@code nonNeg[j]}; {@code A}
     * positive definite on the live columns; dead columns stay 0.
     */
    static double[] activeSet(double[][] a, double[] c, boolean[] nonNeg, boolean[] live) {
        int p = c.length;
        // free[j]: j is solved for; constrained columns start at their bound 0
        boolean[] free = new boolean[p];
        for (int j = 0; j < p; j++) {
            free[j] = live[j] && !nonNeg[j];
        }
        double[] b = new double[p];
        double[] z = solveFree(a, c, free);
        boolean feasible = true;
        for (int j = 0; j < p; j++) {
            if (free[j] && nonNeg[j] && z[j] < 0) {
                feasible = false;
            }
        }
        if (feasible) {
            b = z;
        }
        for (int iter = 0; iter < 10 * p + 10; iter++) {
            // gradient of the negative objective: c - A b
            int enter = -1;
            double best = 1e-12;
            for (int j = 0; j < p; j++) {
                if (live[j] && !free[j]) {
                    double g = c[j];
                    for (int k = 0; k < p; k++) {
                        g -= a[j][k] * b[k];
                    }
                    if (g > best) {
                        best = g;
                        enter = j;
                    }
                }
            }
            if (enter < 0) {
                return b;
            }
            free[enter] = true;
            for (int inner = 0; inner <= p; inner++) {
                z = solveFree(a, c, free);
                double step = 1;
                int leave = -1;
                for (int j = 0; j < p; j++) {
                    if (free[j] && nonNeg[j] && z[j] <= 0) {
                        double s = b[j] / (b[j] - z[j]);
                        if (s < step) {
                            step = s;
                            leave = j;
                        }
                    }
                }
                if (leave < 0) {
                    b = z;
                    break;
                }
                for (int j = 0; j < p; j++) {
                    b[j] += step * (z[j] - b[j]);
                }
                for (int j = 0; j < p; j++) {
                    if (free[j] && nonNeg[j] && b[j] <= 1e-15) {
                        b[j] = 0;
                        free[j] = false;
                    }
                }
            }
        }
        return b;
    }

    /** Solves {@code A_FF z_F = c_F} by Cholesky; the other entries of z are 0. */
    private static double[] solveFree(double[][] a, double[] c, boolean[] free) {
        int p = c.length;
        int[] idx = new int[p];
        int f = 0;
        for (int j = 0; j < p; j++) {
            if (free[j]) {
                idx[f++] = j;
            }
        }
        double[][] l = new double[f][f];
        for (int i = 0; i < f; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[idx[i]][idx[j]];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, 1e-300));
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] v = new double[f];
        for (int i = 0; i < f; i++) {
            double s = c[idx[i]];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * v[k];
            }
            v[i] = s / l[i][i];
        }
        for (int i = f - 1; i >= 0; i--) {
            double s = v[i];
            for (int k = i + 1; k < f; k++) {
                s -= l[k][i] * v[k];
            }
            v[i] = s / l[i][i];
        }
        double[] z = new double[p];
        Arrays.fill(z, 0);
        for (int i = 0; i < f; i++) {
            z[idx[i]] = v[i];
        }
        return z;
    }
}
