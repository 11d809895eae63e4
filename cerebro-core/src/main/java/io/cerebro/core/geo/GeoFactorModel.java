package io.cerebro.core.geo;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The generalised synthetic control (Xu 2017, the gsynth package; GeoLift's "GSYN"): an interactive
 * fixed-effects model {@code y_jt = mu + alpha_j + xi_t + lambda_j' f_t + e_jt} fitted on the donor
 * panel, and the treated mean's counterfactual imputed from its own loadings.
 *
 * <p>The donors are never treated, so their whole series (every period given) estimate the time
 * effects {@code xi_t} and the {@code r} factors {@code f_t}, by alternating least squares: the
 * additive effects of what the factors leave, then the rank-{@code r} least-squares factors
 * (a truncated SVD) of what the additive effects leave, until the fit stops moving. The treated
 * mean's intercept and loadings come from an OLS of {@code y_t - mu - xi_t} on {@code [1, f_t]}
 * over the fitting window {@code [0, fitLen)} only, so test periods never inform them.
 *
 * <p>{@link #chooseFactors} picks {@code r} from 0 to 5 as gsynth's cross-validation does: each
 * pre-period in turn is left out of the loading regression and predicted, and the {@code r} with the
 * smallest mean squared prediction error wins. Conformal refits keep the chosen {@code r}.
 *
 * <p>The counterfactual is no convex combination of donors, so the fit carries no donor weights.
 */
public final class GeoFactorModel {
    /** The largest number of factors the cross-validation tries. */
    public static final int MAX_FACTORS = 5;
    private static final int MAX_ITERATIONS = 500;
    private static final double TOLERANCE = 1e-10;

    private GeoFactorModel() {
    }

    /** The donor panel's decomposition: grand mean, time effects and factors (one row per period). */
    record Decomposition(double mu, double[] xi, double[][] factors) {
    }

    /** @return a fitter with {@code r} factors, for refits under nulls. */
    public static GeoEstimator.Fitter with(int r) {
        return (target, donors, fitLen) -> fit(target, donors, fitLen, r);
    }

    /** Fits the model with {@code r} factors and imputes the target's counterfactual every period. */
    public static GeoEstimator.Fit fit(double[] target, double[][] donors, int fitLen, int r) {
        int nt = target.length;
        Decomposition dec = decompose(donors, r);
        double[] coef = loadings(target, dec, fitLen, -1);
        double[] synth = new double[nt];
        double[] gaps = new double[nt];
        for (int t = 0; t < nt; t++) {
            synth[t] = predict(dec, coef, t);
            gaps[t] = target[t] - synth[t];
        }
        return new GeoEstimator.Fit(new double[0], synth, gaps, Double.NaN, r);
    }

    /**
     * The number of factors, 0 to {@link #MAX_FACTORS} (fewer when the panel cannot carry them), with
     * the smallest leave-one-pre-period-out prediction error of the target.
     */
    public static int chooseFactors(double[] target, double[][] donors, int fitLen) {
        int cap = Math.min(MAX_FACTORS, Math.min(donors.length - 1, Math.min(target.length - 1, fitLen - 3)));
        int best = 0;
        double bestMse = Double.POSITIVE_INFINITY;
        for (int r = 0; r <= Math.max(0, cap); r++) {
            double mse = cvError(target, donors, fitLen, r);
            if (mse < bestMse * (1 - 1e-12)) {
                bestMse = mse;
                best = r;
            }
        }
        return best;
    }

    /** @return the mean squared error of predicting each pre-period from the others' loadings. */
    public static double cvError(double[] target, double[][] donors, int fitLen, int r) {
        Decomposition dec = decompose(donors, r);
        double s = 0;
        for (int out = 0; out < fitLen; out++) {
            double[] coef = loadings(target, dec, fitLen, out);
            double e = target[out] - predict(dec, coef, out);
            s += e * e;
        }
        return s / fitLen;
    }

    private static double predict(Decomposition dec, double[] coef, int t) {
        double s = dec.mu() + dec.xi()[t] + coef[0];
        for (int k = 0; k < dec.factors()[t].length; k++) {
            s += coef[k + 1] * dec.factors()[t][k];
        }
        return s;
    }

    /** OLS of {@code target_t - mu - xi_t} on {@code [1, f_t]} over the window without period {@code skip}. */
    private static double[] loadings(double[] target, Decomposition dec, int fitLen, int skip) {
        int p = dec.factors()[0].length + 1;
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        double[] x = new double[p];
        for (int t = 0; t < fitLen; t++) {
            if (t == skip) {
                continue;
            }
            x[0] = 1;
            System.arraycopy(dec.factors()[t], 0, x, 1, p - 1);
            double y = target[t] - dec.mu() - dec.xi()[t];
            for (int a = 0; a < p; a++) {
                xty[a] += x[a] * y;
                for (int b = 0; b < p; b++) {
                    xtx[a][b] += x[a] * x[b];
                }
            }
        }
        // a pseudo-inverse, so a factor flat over the window (collinear with the intercept) is dropped, not fatal
        RealMatrix inv = MatrixUtils.inverse(MatrixUtils.createRealMatrix(xtx), 1e-12);
        return inv.operate(xty);
    }

    /**
     * Alternating least squares on the donor panel ({@code n} donors by {@code T} periods): the unit
     * and time effects of {@code Y - L F'}, then the rank-{@code r} SVD of {@code Y - mu - alpha - xi}.
     * Factors are normalised as gsynth does, {@code F'F / T = I}.
     */
    static Decomposition decompose(double[][] donors, int r) {
        int n = donors.length;
        int nt = donors[0].length;
        r = Math.min(r, Math.min(n, nt));
        double[][] lf = new double[n][nt];
        double[][] f = new double[nt][r];
        double mu = 0;
        double[] alpha = new double[n];
        double[] xi = new double[nt];
        double previous = Double.POSITIVE_INFINITY;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            // additive effects of what the factors leave: in a balanced panel, the grand, row and column means
            mu = 0;
            java.util.Arrays.fill(alpha, 0);
            java.util.Arrays.fill(xi, 0);
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < nt; t++) {
                    double v = donors[j][t] - lf[j][t];
                    mu += v / ((double) n * nt);
                    alpha[j] += v / nt;
                    xi[t] += v / n;
                }
            }
            for (int j = 0; j < n; j++) {
                alpha[j] -= mu;
            }
            for (int t = 0; t < nt; t++) {
                xi[t] -= mu;
            }
            if (r == 0) {
                break;
            }
            double[][] e = new double[n][nt];
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < nt; t++) {
                    e[j][t] = donors[j][t] - mu - alpha[j] - xi[t];
                }
            }
            SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(e));
            double[] sv = svd.getSingularValues();
            RealMatrix u = svd.getU();
            RealMatrix v = svd.getV();
            double sse = 0;
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < nt; t++) {
                    double s = 0;
                    for (int k = 0; k < r; k++) {
                        s += u.getEntry(j, k) * sv[k] * v.getEntry(t, k);
                    }
                    lf[j][t] = s;
                    double res = e[j][t] - s;
                    sse += res * res;
                }
            }
            for (int t = 0; t < nt; t++) {
                for (int k = 0; k < r; k++) {
                    f[t][k] = v.getEntry(t, k) * Math.sqrt(nt);
                }
            }
            if (Math.abs(previous - sse) <= TOLERANCE * Math.max(1, sse)) {
                break;
            }
            previous = sse;
        }
        return new Decomposition(mu, xi, f);
    }
}
