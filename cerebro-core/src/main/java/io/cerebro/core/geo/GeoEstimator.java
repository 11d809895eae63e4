package io.cerebro.core.geo;

import io.cerebro.core.causal.quasi.synth.SimplexQuadraticProgram;
import io.cerebro.core.synthetic.RidgeAugmentation;

/**
 * The counterfactual of a geo test: a synthetic control for the mean of the treated locations.
 *
 * <p>{@link #scm} is GeoLift's default (model "None" with fixed effects): every series is demeaned
 * over the fitting window (location fixed effects), and the donor weights, non-negative and summing
 * to one, minimise the squared gap between the demeaned treated mean and the weighted demeaned
 * donors ({@link SimplexQuadraticProgram}). The synthetic path is the treated mean's own level plus
 * the weighted demeaned donors.
 *
 * <p>{@link #augmented} adds the ridge outcome model of Ben-Michael, Feller and Rothstein (2021):
 * the imbalance the weights leave is regressed, across donors, on their demeaned (and
 * donor-centred) outcomes with penalty {@code lambda}, which corrects every period. {@link
 * #chooseLambda} picks the penalty by leave-one-period-out cross-validation within the fitting
 * window, so the choice uses no test-period data.
 *
 * <p>Both take the fitting window as {@code [0, fitLen)}: the pre-period for the estimate, every
 * period for the refits of conformal inference under a null.
 */
public final class GeoEstimator {
    private GeoEstimator() {
    }

    /**
     * A fitted counterfactual.
     *
     * @param weights   donor weights of the synthetic control (the simplex weights, also for the augmented model)
     * @param synthetic the counterfactual path, every period
     * @param gaps      target minus counterfactual, every period
     * @param lambda    the ridge penalty (NaN for the plain synthetic control)
     * @param factors   the latent factors of the generalised synthetic control (-1 for the others)
     */
    public record Fit(double[] weights, double[] synthetic, double[] gaps, double lambda, int factors) {
        /** A synthetic control's fit, without latent factors. */
        public Fit(double[] weights, double[] synthetic, double[] gaps, double lambda) {
            this(weights, synthetic, gaps, lambda, -1);
        }

        /** @return sqrt of the summed squared gaps over {@code [0, end)}: GeoLift's L2 imbalance when end is the pre-period. */
        public double l2(int end) {
            double s = 0;
            for (int t = 0; t < end; t++) {
                s += gaps[t] * gaps[t];
            }
            return Math.sqrt(s);
        }
    }

    /** Something that fits a counterfactual on the window {@code [0, fitLen)}. */
    @FunctionalInterface
    public interface Fitter {
        /** @return the fit of {@code target} from {@code donors} (one row per donor) */
        Fit fit(double[] target, double[][] donors, int fitLen);
    }

    /** The fixed-effect synthetic control (GeoLift's default). */
    public static Fit scm(double[] target, double[][] donors, int fitLen) {
        int n = donors.length;
        int nt = target.length;
        double m1 = mean(target, fitLen);
        double[] xc1 = new double[fitLen];
        for (int t = 0; t < fitLen; t++) {
            xc1[t] = target[t] - m1;
        }
        double[][] d = demeaned(donors, fitLen);
        double[][] h = new double[n][n];
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int t = 0; t < fitLen; t++) {
                    s += d[i][t] * d[j][t];
                }
                h[i][j] = s;
                h[j][i] = s;
            }
            double s = 0;
            for (int t = 0; t < fitLen; t++) {
                s += d[i][t] * xc1[t];
            }
            f[i] = s;
        }
        double[] w = SimplexQuadraticProgram.solve(h, f).weights();
        double[] synth = new double[nt];
        double[] gaps = new double[nt];
        for (int t = 0; t < nt; t++) {
            double s = m1;
            for (int j = 0; j < n; j++) {
                s += w[j] * d[j][t];
            }
            synth[t] = s;
            gaps[t] = target[t] - s;
        }
        return new Fit(w, synth, gaps, Double.NaN);
    }

    /** The ridge-augmented synthetic control with a given penalty. */
    public static Fit augmented(double[] target, double[][] donors, int fitLen, double lambda) {
        Fit base = scm(target, donors, fitLen);
        return augment(base, target, donors, fitLen, new double[]{lambda})[0];
    }

    /** @return a fitter for the augmented model with the penalty fixed (conformal refits keep the chosen one). */
    public static Fitter augmentedWith(double lambda) {
        return (target, donors, fitLen) -> augmented(target, donors, fitLen, lambda);
    }

    /**
     * Picks the ridge penalty as the augsynth package does (GeoLift's Ridge model): 20 penalties on
     * a log scale from the largest eigenvalue of the donor-centred, demeaned donors' Gram matrix down
     * to 1e-8 of it; each pre-period but the last left out in turn, the simplex weights and the ridge
     * fitted on the others and the left-out period predicted; then the largest penalty whose mean
     * squared error is within one standard error of the smallest (the one-standard-error rule).
     */
    public static double chooseLambda(double[] target, double[][] donors, int fitLen) {
        int n = donors.length;
        double[][] d = demeaned(donors, fitLen);
        double[][] dc = centred(d, fitLen);
        double m1 = mean(target, fitLen);
        // the treated mean, demeaned and centred by the donors' mean in each period
        double[] x1 = new double[fitLen];
        for (int t = 0; t < fitLen; t++) {
            double colMean = 0;
            for (int j = 0; j < n; j++) {
                colMean += d[j][t] / n;
            }
            x1[t] = target[t] - m1 - colMean;
        }
        double[] eig = new org.hipparchus.linear.EigenDecompositionSymmetric(
                org.hipparchus.linear.MatrixUtils.createRealMatrix(gram(dc, -1, fitLen))).getEigenvalues();
        double top = java.util.Arrays.stream(eig).max().orElse(1);
        int nl = 20;
        double[] grid = new double[nl];
        for (int g = 0; g < nl; g++) {
            grid[g] = top * Math.exp(Math.log(1e-8) * g / (nl - 1));
        }
        int folds = fitLen - 1;
        double[] sum = new double[nl];
        double[] sumSq = new double[nl];
        for (int out = 0; out < folds; out++) {
            double[][] h = gram(dc, out, fitLen);
            double[] f = new double[n];
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < fitLen; t++) {
                    if (t != out) {
                        f[j] += dc[j][t] * x1[t];
                    }
                }
            }
            double[] w = SimplexQuadraticProgram.solve(h, f).weights();
            double[] r = new double[fitLen];
            for (int t = 0; t < fitLen; t++) {
                if (t != out) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += w[j] * dc[j][t];
                    }
                    r[t] = x1[t] - s;
                }
            }
            for (int g = 0; g < nl; g++) {
                double[] a = RidgeAugmentation.coefficients(h, dc, r, grid[g]);
                double pred = 0;
                for (int j = 0; j < n; j++) {
                    pred += (w[j] + a[j]) * dc[j][out];
                }
                double e = (x1[out] - pred) * (x1[out] - pred);
                sum[g] += e;
                sumSq[g] += e * e;
            }
        }
        int best = 0;
        for (int g = 1; g < nl; g++) {
            if (sum[g] < sum[best]) {
                best = g;
            }
        }
        double meanBest = sum[best] / folds;
        double se = Math.sqrt(Math.max(0, sumSq[best] / folds - meanBest * meanBest) / folds);
        double chosen = grid[best];
        for (int g = 0; g < nl; g++) {
            if (sum[g] / folds <= meanBest + se) {
                chosen = Math.max(chosen, grid[g]);
            }
        }
        return chosen;
    }

    /** The donors' Gram matrix over the window, without period {@code skip} (-1: none). */
    private static double[][] gram(double[][] dc, int skip, int fitLen) {
        int n = dc.length;
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int t = 0; t < fitLen; t++) {
                    if (t != skip) {
                        s += dc[i][t] * dc[j][t];
                    }
                }
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        return g;
    }

    /** The augmented fits for several penalties, sharing the simplex weights and the Gram matrix. */
    private static Fit[] augment(Fit base, double[] target, double[][] donors, int fitLen, double[] lambdas) {
        int n = donors.length;
        int nt = target.length;
        double[][] d = demeaned(donors, fitLen);
        double[][] dc = centred(d, fitLen);
        double m1 = mean(target, fitLen);
        // the pre-period imbalance the simplex weights leave, in demeaned terms
        double[] imb = new double[fitLen];
        for (int t = 0; t < fitLen; t++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += base.weights()[j] * d[j][t];
            }
            imb[t] = target[t] - m1 - s;
        }
        double[][] gram = RidgeAugmentation.gram(dc);
        double[] colMean = new double[nt];
        for (int t = 0; t < nt; t++) {
            for (int j = 0; j < n; j++) {
                colMean[t] += d[j][t] / n;
            }
        }
        Fit[] out = new Fit[lambdas.length];
        double[] column = new double[n];
        for (int g = 0; g < lambdas.length; g++) {
            // correction_t = imb' Dc' (Dc Dc' + lambda I)^-1 (d_t - mean d_t), the ridge prediction across donors
            double[] a = RidgeAugmentation.coefficients(gram, dc, imb, lambdas[g]);
            double[] synth = new double[nt];
            double[] gaps = new double[nt];
            for (int t = 0; t < nt; t++) {
                for (int j = 0; j < n; j++) {
                    column[j] = d[j][t] - colMean[t];
                }
                synth[t] = base.synthetic()[t] + RidgeAugmentation.correction(a, column);
                gaps[t] = target[t] - synth[t];
            }
            out[g] = new Fit(base.weights(), synth, gaps, lambdas[g]);
        }
        return out;
    }

    private static double mean(double[] v, int len) {
        double s = 0;
        for (int t = 0; t < len; t++) {
            s += v[t];
        }
        return s / len;
    }

    /** Each donor minus its mean over the window, every period. */
    private static double[][] demeaned(double[][] donors, int fitLen) {
        double[][] d = new double[donors.length][];
        for (int j = 0; j < donors.length; j++) {
            double m = mean(donors[j], fitLen);
            d[j] = new double[donors[j].length];
            for (int t = 0; t < d[j].length; t++) {
                d[j][t] = donors[j][t] - m;
            }
        }
        return d;
    }

    /** The window's columns centred across donors (the ridge's intercept). */
    private static double[][] centred(double[][] d, int fitLen) {
        int n = d.length;
        double[][] c = new double[n][fitLen];
        for (int t = 0; t < fitLen; t++) {
            double m = 0;
            for (double[] row : d) {
                m += row[t] / n;
            }
            for (int j = 0; j < n; j++) {
                c[j][t] = d[j][t] - m;
            }
        }
        return c;
    }
}
