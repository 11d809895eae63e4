package io.cerebro.core.tune.sampler;

import org.hipparchus.special.Erf;

import java.util.SplittableRandom;

/**
 * Optuna's Parzen estimator for one group of observations, on the unit cube: a mixture of one
 * truncated-normal (or, for a categorical, one smoothed one-hot) kernel per observation plus a
 * prior kernel (mean 0.5, width 1, the whole range; weight {@code priorWeight}).
 *
 * <p>Bandwidths follow Optuna's documented rules. Univariate: the observations and the prior mean
 * are sorted, each kernel's sigma is the larger gap to its sorted neighbours (the end kernels use
 * their one inner gap: consider_endpoints=False), then clipped to [1/min(100, 1 + kernels), 1]
 * (the "magic clip"); the prior's sigma is 1. Multivariate: every kernel of a dimension has sigma
 * 0.2 · n^(-1/(d+4)). A categorical kernel of an observed choice c gives probability proportional
 * to priorWeight/kernels for every choice, plus 1 for c; the prior kernel is uniform.
 */
public final class ParzenEstimator {
    private final int d;
    private final int[] choices; // 0 for a numeric dimension, else the number of choices
    private final double[] weights; // kernel weights, prior last, summing to 1
    private final double[][] mu; // [kernel][dim]
    private final double[][] sigma; // [kernel][dim]
    private final double[][][] catProb; // [dim][kernel][choice] for categorical dims
    private double[][] logNorm; // [kernel][dim]: log of the truncated normal's normaliser, computed once
    private double[] logWeights;

    /**
     * @param points       observations on the unit cube, [obs][dim] (a categorical coordinate is its cell centre)
     * @param obsWeights   one weight per observation
     * @param choices      per dimension, 0 for numeric or the number of choices
     * @param priorWeight  the prior kernel's weight
     * @param multivariate joint bandwidths (Optuna's multivariate rule) instead of the univariate one
     */
    public ParzenEstimator(double[][] points, double[] obsWeights, int[] choices, double priorWeight, boolean multivariate) {
        int n = points.length;
        this.d = choices.length;
        this.choices = choices.clone();
        int kernels = n + 1;
        weights = new double[kernels];
        double total = priorWeight;
        for (int i = 0; i < n; i++) {
            total += obsWeights[i];
        }
        for (int i = 0; i < n; i++) {
            weights[i] = obsWeights[i] / total;
        }
        weights[n] = priorWeight / total;
        mu = new double[kernels][d];
        sigma = new double[kernels][d];
        catProb = new double[d][][];
        for (int j = 0; j < d; j++) {
            if (choices[j] > 0) {
                int k = choices[j];
                catProb[j] = new double[kernels][k];
                for (int i = 0; i < kernels; i++) {
                    double rowSum = 0;
                    for (int c = 0; c < k; c++) {
                        catProb[j][i][c] = i < n ? priorWeight / kernels : 1.0 / k;
                        rowSum += catProb[j][i][c];
                    }
                    if (i < n) {
                        int obs = cell(points[i][j], k);
                        catProb[j][i][obs] += 1;
                        rowSum += 1;
                    }
                    for (int c = 0; c < k; c++) {
                        catProb[j][i][c] /= rowSum;
                    }
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                mu[i][j] = points[i][j];
            }
            mu[n][j] = 0.5;
            sigma[n][j] = 1.0;
            if (multivariate) {
                double s = 0.2 * Math.pow(Math.max(n, 1), -1.0 / (d + 4));
                for (int i = 0; i < n; i++) {
                    sigma[i][j] = s;
                }
            } else {
                univariateSigmas(j, n);
            }
        }
    }

    private void univariateSigmas(int j, int n) {
        int kernels = n + 1;
        Integer[] order = new Integer[kernels];
        for (int i = 0; i < kernels; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(mu[a][j], mu[b][j]));
        double[] sorted = new double[kernels + 2];
        sorted[0] = 0;
        sorted[kernels + 1] = 1;
        for (int i = 0; i < kernels; i++) {
            sorted[i + 1] = mu[order[i]][j];
        }
        double[] s = new double[kernels];
        for (int i = 0; i < kernels; i++) {
            double left = sorted[i + 1] - sorted[i];
            double right = sorted[i + 2] - sorted[i + 1];
            if (kernels >= 2 && i == 0) {
                left = right; // consider_endpoints=False: the first kernel ignores the lower bound
            }
            if (kernels >= 2 && i == kernels - 1) {
                right = left;
            }
            s[i] = Math.max(left, right);
        }
        double minSigma = 1.0 / Math.min(100.0, 1.0 + kernels);
        for (int i = 0; i < kernels; i++) {
            int k = order[i];
            sigma[k][j] = Math.min(1.0, Math.max(minSigma, s[i]));
        }
        sigma[n][j] = 1.0;
    }

    private void normalisers() {
        logNorm = new double[weights.length][d];
        logWeights = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            logWeights[k] = Math.log(weights[k]);
            for (int j = 0; j < d; j++) {
                if (choices[j] == 0) {
                    logNorm[k][j] = -logTruncatedNormal(mu[k][j], mu[k][j], sigma[k][j]);
                }
            }
        }
    }

    static int cell(double u, int k) {
        return Math.min(k - 1, Math.max(0, (int) Math.floor(u * k)));
    }

    /** @return a draw from the mixture: a kernel by weight, then each coordinate from that kernel. */
    public double[] sample(SplittableRandom rng) {
        double r = rng.nextDouble();
        int k = 0;
        double acc = weights[0];
        while (r > acc && k < weights.length - 1) {
            acc += weights[++k];
        }
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            if (choices[j] > 0) {
                double[] p = catProb[j][k];
                double q = rng.nextDouble();
                int c = 0;
                double a = p[0];
                while (q > a && c < p.length - 1) {
                    a += p[++c];
                }
                x[j] = (c + 0.5) / choices[j];
            } else {
                x[j] = truncatedNormal(mu[k][j], sigma[k][j], rng);
            }
        }
        return x;
    }

    private static double truncatedNormal(double m, double s, SplittableRandom rng) {
        for (int tries = 0; tries < 1000; tries++) {
            double z = m + s * gaussian(rng);
            if (z >= 0 && z <= 1) {
                return z;
            }
        }
        return Math.min(1, Math.max(0, m));
    }

    static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** @return the log density of the mixture at {@code x} (numeric coordinates as densities, categoricals as probabilities). */
    public double logDensity(double[] x) {
        if (logNorm == null) {
            normalisers();
        }
        double[] logs = new double[weights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            double l = logWeights[k];
            for (int j = 0; j < d; j++) {
                if (choices[j] > 0) {
                    l += Math.log(catProb[j][k][cell(x[j], choices[j])]);
                } else {
                    // logNorm holds -log density at the mean = log(s sqrt(2 pi)) + log(mass)
                    double z = (x[j] - mu[k][j]) / sigma[k][j];
                    l += -0.5 * z * z - logNorm[k][j];
                }
            }
            logs[k] = l;
            max = Math.max(max, l);
        }
        double s = 0;
        for (double l : logs) {
            s += Math.exp(l - max);
        }
        return max + Math.log(s);
    }

    /** @return the log density at {@code x} of N(m, s^2) truncated to [0, 1]. */
    public static double logTruncatedNormal(double x, double m, double s) {
        double z = (x - m) / s;
        double mass = 0.5 * (Erf.erf((1 - m) / (s * Math.sqrt(2))) - Erf.erf((0 - m) / (s * Math.sqrt(2))));
        return -0.5 * z * z - Math.log(s * Math.sqrt(2 * Math.PI)) - Math.log(mass);
    }

    /** @return the kernel weights (prior last). */
    public double[] weights() {
        return weights.clone();
    }

    /** @return the bandwidth of kernel {@code k} in dimension {@code j} (the prior is the last kernel). */
    public double sigma(int k, int j) {
        return sigma[k][j];
    }
}
