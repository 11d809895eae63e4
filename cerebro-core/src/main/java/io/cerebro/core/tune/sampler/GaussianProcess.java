package io.cerebro.core.tune.sampler;

/**
 * A Gaussian-process regression with a Matérn 5/2 kernel,
 * {@code k(x, x') = amplitude · (1 + √5 r + 5r²/3) exp(-√5 r)} with {@code r = |x - x'| / lengthscale},
 * and independent noise of variance {@code noise} on the observations. The posterior is computed
 * through a Cholesky factor; {@link #variance} is the variance of the latent function (no noise),
 * as scikit-learn's {@code GaussianProcessRegressor(alpha=noise).predict(return_std=True)} gives.
 */
public final class GaussianProcess {
    private final double[][] x;
    private final double lengthscale;
    private final double amplitude;
    private final double[][] chol;
    private final double[] alpha;
    private final double logDetHalf;
    private final double yKy;

    /**
     * @param x           inputs, [n][d]
     * @param y           observations
     * @param lengthscale the kernel's length scale
     * @param amplitude   the kernel's variance
     * @param noise       the observation noise variance (a small jitter at least)
     */
    public GaussianProcess(double[][] x, double[] y, double lengthscale, double amplitude, double noise) {
        this.x = x;
        this.lengthscale = lengthscale;
        this.amplitude = amplitude;
        int n = x.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                k[i][j] = kernel(x[i], x[j]);
                k[j][i] = k[i][j];
            }
            k[i][i] += noise;
        }
        chol = cholesky(k);
        double[] z = forward(chol, y);
        alpha = backward(chol, z);
        double ld = 0;
        for (int i = 0; i < n; i++) {
            ld += Math.log(chol[i][i]);
        }
        logDetHalf = ld;
        double s = 0;
        for (double v : z) {
            s += v * v;
        }
        yKy = s;
    }

    /** @return the Matérn 5/2 correlation at scaled distance {@code r}. */
    public static double matern52(double r) {
        double a = Math.sqrt(5) * r;
        return (1 + a + a * a / 3) * Math.exp(-a);
    }

    double kernel(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return amplitude * matern52(Math.sqrt(s) / lengthscale);
    }

    /** @return the posterior mean at {@code p}. */
    public double mean(double[] p) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m += kernel(p, x[i]) * alpha[i];
        }
        return m;
    }

    /** @return the posterior variance of the latent function at {@code p}. */
    public double variance(double[] p) {
        double[] ks = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            ks[i] = kernel(p, x[i]);
        }
        double[] v = forward(chol, ks);
        double s = 0;
        for (double t : v) {
            s += t * t;
        }
        return Math.max(0, amplitude - s);
    }

    /** @return the log marginal likelihood of the observations. */
    public double logMarginalLikelihood() {
        return -0.5 * yKy - logDetHalf - 0.5 * x.length * Math.log(2 * Math.PI);
    }

    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    // a kernel matrix is positive semi-definite; jitter absorbs rounding at near-duplicate points
                    l[i][i] = Math.sqrt(Math.max(s, 1e-12));
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    static double[] forward(double[][] l, double[] b) {
        int n = b.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        return z;
    }

    static double[] backward(double[][] l, double[] z) {
        int n = z.length;
        double[] a = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * a[k];
            }
            a[i] = s / l[i][i];
        }
        return a;
    }
}
