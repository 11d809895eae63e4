package io.cerebro.core.causal.quasi;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/** Small dense matrix helpers for the design engines (row-major {@code double[rows][cols]}). */
public final class Matrices {
    private Matrices() {
    }

    /** @return A'B for row-major A (n x a) and B (n x b), optionally weighted by w per row. */
    public static double[][] crossprod(double[][] a, double[][] b, double[] w) {
        int n = a.length;
        int pa = a[0].length;
        int pb = b[0].length;
        double[][] out = new double[pa][pb];
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            double[] ai = a[i];
            double[] bi = b[i];
            for (int r = 0; r < pa; r++) {
                double v = wi * ai[r];
                if (v == 0) {
                    continue;
                }
                double[] row = out[r];
                for (int c = 0; c < pb; c++) {
                    row[c] += v * bi[c];
                }
            }
        }
        return out;
    }

    /** @return the inverse of a square matrix by LU decomposition. */
    public static double[][] inverse(double[][] a) {
        RealMatrix m = MatrixUtils.createRealMatrix(a);
        return new LUDecomposition(m, 1e-300).getSolver().getInverse().getData();
    }

    /** @return A B. */
    public static double[][] multiply(double[][] a, double[][] b) {
        int r = a.length;
        int m = b.length;
        int c = b[0].length;
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int k = 0; k < m; k++) {
                double v = a[i][k];
                for (int j = 0; j < c; j++) {
                    out[i][j] += v * b[k][j];
                }
            }
        }
        return out;
    }

    /** @return A v. */
    public static double[] multiply(double[][] a, double[] v) {
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

    /** @return A'. */
    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** @return the quadratic form v' A v. */
    public static double quadratic(double[] v, double[][] a) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                s += v[i] * a[i][j] * v[j];
            }
        }
        return s;
    }
}
