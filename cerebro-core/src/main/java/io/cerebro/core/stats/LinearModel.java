package io.cerebro.core.stats;

import io.cerebro.core.error.UserInputException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Ordinary (optionally weighted) least squares with the covariance estimators applied work uses:
 * classical, HC0, HC1 and cluster-robust (CR1, the Stata / R {@code sandwich::vcovCL(type = "HC1")}
 * small-sample correction).
 *
 * <p>Built for tall data: it forms X'X in one pass (n p^2 flops) and inverts it by Cholesky, so a
 * million rows with twenty columns fit in well under a second. A rank-deficient design is reported
 * with the names of the columns that are linear combinations of earlier ones.
 */
public final class LinearModel {
    private final String[] names;
    /** Row i of the design (a shared buffer for a design with an inserted column: use it at once). */
    private final java.util.function.IntFunction<double[]> row;
    private final double[] y;
    private final double[] w;
    private final int n;
    private final int p;
    private final double[] beta;
    private final double[] residuals;
    private final double[][] xtxInv;

    private LinearModel(String[] names, double[][] x, double[] y, double[] w) {
        this(names, i -> x[i], y, w, gram(names.length, x, -1, null, y, w));
    }

    private LinearModel(String[] names, java.util.function.IntFunction<double[]> row, double[] y, double[] w, Gram g) {
        this.names = names;
        this.row = row;
        this.y = y;
        this.w = w;
        this.n = y.length;
        this.p = names.length;
        double[][] xtx = g.xtx();
        double[] xty = g.xtz();
        this.xtxInv = invertSpd(xtx, names);
        this.beta = multiply(xtxInv, xty);
        this.residuals = new double[n];
        for (int i = 0; i < n; i++) {
            double fit = 0;
            double[] xi = row.apply(i);
            for (int a = 0; a < p; a++) {
                fit += xi[a] * beta[a];
            }
            residuals[i] = y[i] - fit;
        }
    }

    /**
     * Fits y on the columns of x (rows are observations; include a column of ones for an intercept).
     *
     * @param names coefficient names, one per column of x, used in messages and results
     */
    public static LinearModel fit(String[] names, double[][] x, double[] y) {
        return new LinearModel(names.clone(), x, y, null);
    }

    /**
     * Ordinary least squares on {@code x} with {@code column} inserted as design column {@code at}
     * (e.g. a treatment indicator after the intercept), without copying the design: the same fit
     * as {@link #fit} on the widened matrix, for designs too large to hold twice.
     *
     * @param names the widened design's column names ({@code x[i].length + 1} of them)
     */
    public static LinearModel fitWithColumn(String[] names, double[][] x, int at, double[] column, double[] y) {
        int width = names.length;
        Gram g = gram(width, x, at, column, y, null);
        double[] buf = new double[width];
        // one buffer, filled per row: every reader of row(i) uses it before asking for the next row
        return new LinearModel(names.clone(), i -> {
            double[] xi = x[i];
            System.arraycopy(xi, 0, buf, 0, at);
            buf[at] = column[i];
            System.arraycopy(xi, at, buf, at + 1, width - at - 1);
            return buf;
        }, y, null, g);
    }

    /**
     * X'WX and X'Wy of the design (with {@code column} inserted at {@code at} when at >= 0), each
     * entry summed in row order; checks first that there are more rows than coefficients.
     */
    private static Gram gram(int p, double[][] x, int at, double[] column, double[] y, double[] w) {
        int n = y.length;
        if (n <= p) {
            throw new UserInputException("a regression with " + p + " coefficients needs more than " + p + " rows, got " + n);
        }
        Gram g = new Gram(p, w != null);
        for (int i = 0; i < n; i++) {
            if (at >= 0) {
                g.addWithColumn(x[i], at, column[i], y[i]);
            } else if (w != null) {
                g.add(x[i], w[i], y[i]);
            } else {
                g.add(x[i], y[i]);
            }
        }
        return g;
    }

    /** Weighted least squares with non-negative weights w. */
    public static LinearModel fitWeighted(String[] names, double[][] x, double[] y, double[] w) {
        return new LinearModel(names.clone(), x, y, w);
    }

    /** @return the coefficient names. */
    public String[] names() {
        return names.clone();
    }

    /** @return the estimated coefficients. */
    public double[] coefficients() {
        return beta.clone();
    }

    /** @return the coefficient of the named column. */
    public double coefficient(String name) {
        return beta[index(name)];
    }

    /** @return y minus fitted values. */
    public double[] residuals() {
        return residuals.clone();
    }

    /** @return the number of observations. */
    public int n() {
        return n;
    }

    /** @return the number of coefficients. */
    public int p() {
        return p;
    }

    /** @return residual degrees of freedom, n - p. */
    public int dfResid() {
        return n - p;
    }

    /** @return the (weighted) residual sum of squares. */
    public double rss() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (w == null ? 1 : w[i]) * residuals[i] * residuals[i];
        }
        return s;
    }

    /** @return (X'WX)^-1. */
    public double[][] xtxInverse() {
        return copy(xtxInv);
    }

    /** Classical covariance s^2 (X'X)^-1 with s^2 = RSS / (n - p). */
    public double[][] covClassical() {
        double s2 = rss() / (n - p);
        double[][] c = copy(xtxInv);
        for (double[] row : c) {
            for (int j = 0; j < p; j++) {
                row[j] *= s2;
            }
        }
        return c;
    }

    /** White's HC0 sandwich covariance. */
    public double[][] covHC0() {
        double[][] meat = new double[p][p];
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            double e2 = wi * wi * residuals[i] * residuals[i];
            double[] xi = row.apply(i);
            for (int a = 0; a < p; a++) {
                double v = e2 * xi[a];
                for (int b = 0; b <= a; b++) {
                    meat[a][b] += v * xi[b];
                }
            }
        }
        symmetrize(meat);
        return sandwich(meat, 1.0);
    }

    /** HC1: HC0 scaled by n / (n - p) (Stata's {@code robust}, statsmodels {@code HC1}). */
    public double[][] covHC1() {
        return covHC1(0);
    }

    /**
     * HC1 after fixed effects were absorbed by demeaning: HC0 scaled by n / (n - p - absorbed), which
     * equals HC1 of the regression with one dummy column per absorbed level.
     *
     * @param absorbed number of absorbed parameters (levels of the fixed effects, less redundant ones)
     */
    public double[][] covHC1(int absorbed) {
        double[][] c = covHC0();
        scale(c, (double) n / (n - p - absorbed));
        return c;
    }

    /**
     * Cluster-robust covariance with the CR1 correction G/(G-1) * (n-1)/(n-p).
     *
     * @param cluster a cluster id per row (any integers)
     */
    public double[][] covCluster(int[] cluster) {
        return covCluster(cluster, 0);
    }

    /**
     * Cluster-robust CR1 covariance after fixed effects were absorbed: the small-sample factor is
     * G/(G-1) * (n-1)/(n-p-absorbed). Pass as {@code absorbed} only the fixed-effect parameters that
     * are not nested in the clusters (the convention of fixest and reghdfe).
     */
    public double[][] covCluster(int[] cluster, int absorbed) {
        Map<Integer, double[]> scores = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double[] s = scores.computeIfAbsent(cluster[i], k -> new double[p]);
            double v = (w == null ? 1 : w[i]) * residuals[i];
            double[] xi = row.apply(i);
            for (int a = 0; a < p; a++) {
                s[a] += v * xi[a];
            }
        }
        int g = scores.size();
        if (g < 2) {
            throw new UserInputException("cluster-robust errors need at least two clusters, got " + g);
        }
        double[][] meat = new double[p][p];
        for (double[] s : scores.values()) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b <= a; b++) {
                    meat[a][b] += s[a] * s[b];
                }
            }
        }
        symmetrize(meat);
        double adj = (double) g / (g - 1) * (double) (n - 1) / (n - p - absorbed);
        return sandwich(meat, adj);
    }

    /** @return the number of distinct clusters in a cluster id array. */
    public static int clusterCount(int[] cluster) {
        return (int) Arrays.stream(cluster).distinct().count();
    }

    /** @return square roots of a covariance matrix's diagonal. */
    public static double[] standardErrors(double[][] cov) {
        double[] se = new double[cov.length];
        for (int i = 0; i < cov.length; i++) {
            se[i] = Math.sqrt(cov[i][i]);
        }
        return se;
    }

    /** @return the index of a named coefficient. */
    public int index(String name) {
        for (int i = 0; i < p; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no coefficient named " + name + " in " + Arrays.toString(names));
    }

    private double[][] sandwich(double[][] meat, double adj) {
        double[][] t = multiply(xtxInv, meat);
        double[][] c = multiply(t, xtxInv);
        scale(c, adj);
        return c;
    }

    static double[][] invertSpd(double[][] a, String[] names) {
        return Matrices.invertSpd(a, names, "the regressors");
    }

    static double[][] multiply(double[][] a, double[][] b) {
        return Matrices.multiply(a, b);
    }

    static double[] multiply(double[][] a, double[] v) {
        return Matrices.multiply(a, v);
    }

    private static void symmetrize(double[][] m) {
        for (int a = 0; a < m.length; a++) {
            for (int b = a + 1; b < m.length; b++) {
                m[a][b] = m[b][a];
            }
        }
    }

    private static void scale(double[][] m, double f) {
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= f;
            }
        }
    }

    private static double[][] copy(double[][] m) {
        return Matrices.copy(m);
    }
}
