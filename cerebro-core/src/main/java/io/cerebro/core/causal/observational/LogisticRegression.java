package io.cerebro.core.causal.observational;

import io.cerebro.core.stats.Gram;
import io.cerebro.core.stats.Matrices;
import io.cerebro.core.error.UserInputException;

/**
 * Logistic regression fitted by iteratively reweighted least squares (Fisher scoring), the
 * algorithm of R's {@code glm(family = binomial)}. Used for propensity scores and for
 * g-computation with a binary outcome.
 *
 * <p>Each iteration forms X'WX in one pass and solves it by Cholesky, so a million rows with
 * twenty columns take a few hundred milliseconds per iteration. Perfect separation (fitted
 * probabilities running to 0 or 1 while coefficients diverge) and non-convergence end in a
 * {@link UserInputException} that says what to do.
 */
public final class LogisticRegression {
    private static final int MAX_ITER = 50;
    private final String[] names;
    private final double[] beta;
    private final double[] fitted;
    private final double[][] covariance;
    private final int iterations;

    private LogisticRegression(String[] names, double[] beta, double[] fitted, double[][] covariance, int iterations) {
        this.names = names;
        this.beta = beta;
        this.fitted = fitted;
        this.covariance = covariance;
        this.iterations = iterations;
    }

    /**
     * Fits P(y = 1 | x) = 1 / (1 + exp(-x'b)).
     *
     * @param names coefficient names (include the intercept column's name), used in messages
     * @param x     rows of regressors; include a column of ones for an intercept
     * @param y     0/1 responses
     * @param what  what is modelled, for messages (e.g. {@code "propensity model for treat"})
     */
    public static LogisticRegression fit(String[] names, double[][] x, double[] y, String what) {
        return fit(names, x, y, null, what);
    }

    /** Fits on the rows where {@code use[i]} is true (all rows when null). */
    public static LogisticRegression fit(String[] names, double[][] x, double[] y, boolean[] use, String what) {
        int n = y.length;
        int p = names.length;
        double[] beta = new double[p];
        double[] eta = new double[n];
        double[] mu = new double[n];
        double ybar = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (use == null || use[i]) {
                ybar += y[i];
                m++;
            }
        }
        ybar /= m;
        // glm's start: mu = (y + 0.5) / 2
        for (int i = 0; i < n; i++) {
            mu[i] = (y[i] + 0.5) / 2;
            eta[i] = Math.log(mu[i] / (1 - mu[i]));
        }
        double devOld = Double.POSITIVE_INFINITY;
        double[][] xtwxInv = null;
        int iter = 0;
        boolean converged = false;
        while (iter < MAX_ITER) {
            iter++;
            // X'WX and X'Wz by row blocks, in parallel for tall data; each block owns its partial sums
            final double[] fmu = mu;
            final double[] feta = eta;
            int blocks = Math.max(1, Math.min(64, n / 16_384));
            double[][][] partXtwx = new double[blocks][][];
            double[][] partXtwz = new double[blocks][];
            java.util.stream.IntStream range = java.util.stream.IntStream.range(0, blocks);
            (blocks > 1 ? range.parallel() : range).forEach(bk -> {
                // the blocked kernel adds the same products in the same row order as a per-row update
                Gram g = new Gram(p, true);
                int from = (int) ((long) n * bk / blocks);
                int to = (int) ((long) n * (bk + 1) / blocks);
                for (int i = from; i < to; i++) {
                    if (use != null && !use[i]) {
                        continue;
                    }
                    double w = fmu[i] * (1 - fmu[i]);
                    if (w < 1e-300) {
                        w = 1e-300;
                    }
                    double z = feta[i] + (y[i] - fmu[i]) / w;
                    g.add(x[i], w, z);
                }
                partXtwx[bk] = g.xtx();
                partXtwz[bk] = g.xtz();
            });
            double[][] xtwx = new double[p][p];
            double[] xtwz = new double[p];
            for (int bk = 0; bk < blocks; bk++) {
                for (int a = 0; a < p; a++) {
                    xtwz[a] += partXtwz[bk][a];
                    for (int b = 0; b <= a; b++) {
                        xtwx[a][b] += partXtwx[bk][a][b];
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                for (int b = a + 1; b < p; b++) {
                    xtwx[a][b] = xtwx[b][a];
                }
            }
            xtwxInv = Matrices.invertSpd(xtwx, names, "confounders");
            beta = Matrices.multiply(xtwxInv, xtwz);
            final double[] fbeta = beta;
            double[] partDev = new double[blocks];
            java.util.stream.IntStream range2 = java.util.stream.IntStream.range(0, blocks);
            (blocks > 1 ? range2.parallel() : range2).forEach(bk -> {
                int from = (int) ((long) n * bk / blocks);
                int to = (int) ((long) n * (bk + 1) / blocks);
                double dv = 0;
                for (int i = from; i < to; i++) {
                    double e = 0;
                    double[] xi = x[i];
                    for (int a = 0; a < p; a++) {
                        e += xi[a] * fbeta[a];
                    }
                    feta[i] = e;
                    fmu[i] = 1 / (1 + Math.exp(-e));
                    if (use == null || use[i]) {
                        dv += y[i] > 0.5 ? -2 * logSafe(fmu[i]) : -2 * logSafe(1 - fmu[i]);
                    }
                }
                partDev[bk] = dv;
            });
            double dev = 0;
            for (double dv : partDev) {
                dev += dv;
            }
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < 1e-12) {
                converged = true;
                devOld = dev;
                break;
            }
            devOld = dev;
        }
        int extreme = 0;
        for (int i = 0; i < n; i++) {
            if ((use == null || use[i]) && (mu[i] < 1e-10 || mu[i] > 1 - 1e-10)) {
                extreme++;
            }
        }
        if (devOld < 1e-6 * m || (extreme > 0 && largestAbs(beta) > 30)) {
            int worst = 1;
            for (int a = 1; a < p; a++) {
                if (Math.abs(beta[a] * Math.sqrt(xtwxInv[a][a])) >= Math.abs(beta[worst] * Math.sqrt(xtwxInv[worst][worst]))) {
                    worst = a;
                }
            }
            throw new UserInputException("perfect separation in the " + what + ": " + extreme
                    + " units get a fitted probability of 0 or 1 (largest coefficient: '" + (p > 1 ? names[worst] : names[0])
                    + "'); drop or coarsen the variable that predicts it exactly, or restrict the sample with --where");
        }
        if (!converged) {
            throw new UserInputException("the " + what + " did not converge in " + MAX_ITER
                    + " IRLS iterations; rescale the confounders or drop near-collinear ones");
        }
        return new LogisticRegression(names.clone(), beta, mu, xtwxInv, iter);
    }

    private static double logSafe(double v) {
        return Math.log(Math.max(v, 1e-300));
    }

    private static double largestAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    /** @return coefficient names. */
    public String[] names() {
        return names.clone();
    }

    /** @return fitted coefficients. */
    public double[] coefficients() {
        return beta.clone();
    }

    /** @return fitted probabilities for every row given to {@code fit} (including unused ones). */
    public double[] fitted() {
        return fitted.clone();
    }

    /** @return (X'WX)^-1 at the solution: the model-based covariance of the coefficients. */
    public double[][] covariance() {
        return Matrices.copy(covariance);
    }

    /** @return IRLS iterations used. */
    public int iterations() {
        return iterations;
    }

    /** @return P(y = 1 | x) for a new row. */
    public double predict(double[] x) {
        double e = 0;
        for (int a = 0; a < beta.length; a++) {
            e += x[a] * beta[a];
        }
        return 1 / (1 + Math.exp(-e));
    }
}
