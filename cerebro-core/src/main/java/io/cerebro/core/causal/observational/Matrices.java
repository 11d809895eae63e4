package io.cerebro.core.causal.observational;

import io.cerebro.core.error.UserInputException;

import java.util.ArrayList;
import java.util.List;

/** Small dense-matrix helpers for p x p systems (p is the number of confounders, so tens). */
final class Matrices {
    private Matrices() {
    }

    /** Cholesky inverse of a symmetric positive definite matrix; a singular one names the collinear columns. */
    static double[][] invertSpd(double[][] a, String[] names) {
        int p = a.length;
        double[][] l = new double[p][p];
        List<String> collinear = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 1e-11 * Math.max(a[j][j], 1e-300))) {
                collinear.add(names[j]);
                continue;
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < p; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        if (!collinear.isEmpty()) {
            throw new UserInputException("confounders are collinear: " + String.join(", ", collinear)
                    + " is a linear combination of the other columns (or constant); drop or combine them");
        }
        double[][] li = new double[p][p];
        for (int i = 0; i < p; i++) {
            li[i][i] = 1 / l[i][i];
            for (int j = 0; j < i; j++) {
                double s = 0;
                for (int k = j; k < i; k++) {
                    s += l[i][k] * li[k][j];
                }
                li[i][j] = -s / l[i][i];
            }
        }
        double[][] inv = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = i; k < p; k++) {
                    s += li[k][i] * li[k][j];
                }
                inv[i][j] = s;
                inv[j][i] = s;
            }
        }
        return inv;
    }

    /** Lower Cholesky factor of a symmetric positive definite matrix. */
    static double[][] cholesky(double[][] a, String[] names) {
        int p = a.length;
        double[][] l = new double[p][p];
        for (int j = 0; j < p; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 1e-11 * Math.max(a[j][j], 1e-300))) {
                throw new UserInputException("confounders are collinear: " + names[j]
                        + " is a linear combination of the other columns (or constant); drop or combine them");
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < p; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        return l;
    }

    static double[] multiply(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += a[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
