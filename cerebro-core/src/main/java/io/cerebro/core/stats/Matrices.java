package io.cerebro.core.stats;

import io.cerebro.core.error.UserInputException;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Small dense matrix helpers shared by the engines (row-major {@code double[rows][cols]}): the p x p
 * systems of regressions and propensity models, where p is tens, not thousands.
 */
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

    /**
     * Cholesky inverse of a symmetric positive definite matrix; a singular one names the collinear
     * columns, e.g. subject "confounders" gives "confounders are collinear: educ2 is ...".
     */
    public static double[][] invertSpd(double[][] a, String[] names, String subject) {
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
            throw new UserInputException(subject + " are collinear: " + String.join(", ", collinear)
                    + (collinear.size() == 1 ? " is" : " are") + " a linear combination of the other columns (or constant); drop or combine them");
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
    public static double[][] cholesky(double[][] a, String[] names, String subject) {
        int p = a.length;
        double[][] l = new double[p][p];
        for (int j = 0; j < p; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 1e-11 * Math.max(a[j][j], 1e-300))) {
                throw new UserInputException(subject + " are collinear: " + names[j]
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

    /** @return the dot product a . b. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** @return a deep copy. */
    public static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
