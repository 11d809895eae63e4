package io.cerebro.core.tune.sampler;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A full quadratic model of the loss around a centre point, in the centred coordinates of the
 * chosen dimensions: intercept, linear terms, squares and cross products. It is fitted by ridge
 * least squares (penalty {@code 1e-3} on every term but the intercept, losses standardised) to the
 * centre's nearest observations: as many as the model has terms, at least 10, at most all. Up to
 * {@link #FULL_UP_TO} dimensions the model is full; above, it is separable (no cross products, 2d + 1
 * terms), so that a six-dimensional model needs 13 nearby points rather than 28.
 * This is the model of a derivative-free trust-region method (Powell's UOBYQA family), used by
 * {@link TpeSampler}'s local refinement.
 */
public final class QuadraticModel {
    private static final double RIDGE = 1e-3;
    /** Above this many dimensions the model drops the cross products. */
    public static final int FULL_UP_TO = 3;

    /** @return whether the model of {@code d} dimensions is separable (squares but no cross products). */
    public static boolean separable(int d) {
        return d > FULL_UP_TO;
    }
    private final double[] centre;
    private final int[] dims;
    private final double[] beta;

    private QuadraticModel(double[] centre, int[] dims, double[] beta) {
        this.centre = centre;
        this.dims = dims;
        this.beta = beta;
    }

    /** @return the number of terms of a full quadratic in {@code d} dimensions. */
    public static int terms(int d) {
        return separable(d) ? 1 + 2 * d : 1 + d + d * (d + 1) / 2;
    }

    /**
     * @param points observations on the unit cube
     * @param loss   one loss per observation
     * @param centre the point the model is centred on
     * @param dims   the dimensions the model uses
     * @return the fitted model, or null when fewer than 3 observations are given or the fit fails
     */
    public static QuadraticModel fit(double[][] points, double[] loss, double[] centre, int[] dims) {
        int n = points.length;
        if (n < 3) {
            return null;
        }
        int p = terms(dims.length);
        int k = Math.min(n, Math.max(10, p));
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j : dims) {
                s += (points[i][j] - centre[j]) * (points[i][j] - centre[j]);
            }
            dist[i] = s;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> dist[i]));
        double mean = 0;
        for (int r = 0; r < k; r++) {
            mean += loss[order[r]];
        }
        mean /= k;
        double var = 0;
        for (int r = 0; r < k; r++) {
            var += (loss[order[r]] - mean) * (loss[order[r]] - mean);
        }
        double sd = Math.sqrt(var / k);
        if (!(sd > 0)) {
            return null;
        }
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        double[] row = new double[p];
        for (int r = 0; r < k; r++) {
            basis(points[order[r]], centre, dims, row);
            double y = (loss[order[r]] - mean) / sd;
            for (int a = 0; a < p; a++) {
                xty[a] += row[a] * y;
                for (int b = 0; b < p; b++) {
                    xtx[a][b] += row[a] * row[b];
                }
            }
        }
        // the penalty is relative to each term's scale, so squares of small offsets are not crushed
        for (int a = 1; a < p; a++) {
            xtx[a][a] += RIDGE * Math.max(xtx[a][a], 1e-12) + 1e-12;
        }
        try {
            RealMatrix m = new Array2DRowRealMatrix(xtx, false);
            double[] beta = new CholeskyDecomposition(m, 1e-14, 1e-14).getSolver().solve(new ArrayRealVector(xty, false)).toArray();
            return new QuadraticModel(centre.clone(), dims.clone(), beta);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void basis(double[] x, double[] centre, int[] dims, double[] row) {
        int d = dims.length;
        row[0] = 1;
        for (int a = 0; a < d; a++) {
            row[1 + a] = x[dims[a]] - centre[dims[a]];
        }
        int t = 1 + d;
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                if (!separable(d) || a == b) {
                    row[t++] = row[1 + a] * row[1 + b];
                }
            }
        }
    }

    /** @return the model's value (standardised loss) at {@code x}. */
    public double value(double[] x) {
        double[] row = new double[beta.length];
        basis(x, centre, dims, row);
        double v = 0;
        for (int a = 0; a < beta.length; a++) {
            v += beta[a] * row[a];
        }
        return v;
    }
}
