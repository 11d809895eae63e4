package io.cerebro.core.uplift.model;

/**
 * Ridge regression (squared loss) or ridge-penalised logistic regression by iteratively reweighted
 * least squares (log-loss), on standardised features with an unpenalised intercept. The default
 * penalty 1e-3 on the standardised scale is small enough that the fit equals ordinary least squares
 * to about six digits on data of a few hundred rows, and keeps collinear features solvable.
 */
public final class LinearLearner implements BaseLearner {
    /** Penalty on the standardised scale, per unit of total weight. */
    private final double lambda;

    public LinearLearner() {
        this(1e-3);
    }

    public LinearLearner(double lambda) {
        this.lambda = lambda;
    }

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public Model fit(FeatureMatrix x, double[] target, double[] weight, int[] rows, Loss loss) {
        double[][] c = x.columns();
        int p = c.length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        double wsum = 0;
        for (int i : rows) {
            wsum += weight == null ? 1 : weight[i];
        }
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int i : rows) {
                s += (weight == null ? 1 : weight[i]) * c[j][i];
            }
            mean[j] = s / wsum;
            double v = 0;
            for (int i : rows) {
                double d = c[j][i] - mean[j];
                v += (weight == null ? 1 : weight[i]) * d * d;
            }
            sd[j] = v > 0 ? Math.sqrt(v / wsum) : 1;
        }
        double[] beta = new double[p + 1];
        if (loss == Loss.SQUARED) {
            beta = solve(c, mean, sd, target, weight, rows);
        } else {
            double[] z = new double[target.length];
            double[] w = new double[target.length];
            double prevDev = Double.POSITIVE_INFINITY;
            for (int iter = 0; iter < 50; iter++) {
                double dev = 0;
                for (int i : rows) {
                    double eta = eta(beta, c, mean, sd, i);
                    double pr = 1 / (1 + Math.exp(-eta));
                    pr = Math.min(1 - 1e-9, Math.max(1e-9, pr));
                    double wi = pr * (1 - pr);
                    w[i] = (weight == null ? 1 : weight[i]) * wi;
                    z[i] = eta + (target[i] - pr) / wi;
                    dev -= (weight == null ? 1 : weight[i]) * (target[i] * Math.log(pr) + (1 - target[i]) * Math.log(1 - pr));
                }
                beta = solve(c, mean, sd, z, w, rows);
                if (Math.abs(prevDev - dev) < 1e-9 * (1 + Math.abs(dev))) {
                    break;
                }
                prevDev = dev;
            }
        }
        double[] b = beta;
        // back to the original scale, so prediction is one dot product
        double[] coef = new double[p];
        double intercept = b[0];
        for (int j = 0; j < p; j++) {
            coef[j] = b[j + 1] / sd[j];
            intercept -= coef[j] * mean[j];
        }
        return new Linear(intercept, coef, loss == Loss.LOGISTIC);
    }

    private static double eta(double[] b, double[][] c, double[] mean, double[] sd, int i) {
        double e = b[0];
        for (int j = 0; j < mean.length; j++) {
            e += b[j + 1] * (c[j][i] - mean[j]) / sd[j];
        }
        return e;
    }

    /** Weighted ridge normal equations on standardised features (intercept unpenalised), solved by Cholesky. */
    private double[] solve(double[][] c, double[] mean, double[] sd, double[] y, double[] w, int[] rows) {
        int p = c.length;
        int d = p + 1;
        double[][] a = new double[d][d];
        double[] rhs = new double[d];
        double[] z = new double[d];
        double wsum = 0;
        for (int i : rows) {
            double wi = w == null ? 1 : w[i];
            z[0] = 1;
            for (int j = 0; j < p; j++) {
                z[j + 1] = (c[j][i] - mean[j]) / sd[j];
            }
            for (int r = 0; r < d; r++) {
                double zr = wi * z[r];
                rhs[r] += zr * y[i];
                for (int s = 0; s <= r; s++) {
                    a[r][s] += zr * z[s];
                }
            }
            wsum += wi;
        }
        for (int r = 1; r < d; r++) {
            a[r][r] += lambda * wsum + 1e-12;
        }
        a[0][0] += 1e-12;
        for (int r = 0; r < d; r++) {
            for (int s = r + 1; s < d; s++) {
                a[r][s] = a[s][r];
            }
        }
        return cholesky(a, rhs);
    }

    static double[] cholesky(double[][] a, double[] b) {
        int d = b.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, 1e-300));
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /**
     * A fitted linear model on the original scale.
     *
     * @param intercept the intercept
     * @param coef      one coefficient per feature
     * @param logistic  whether predictions pass through the logistic function
     */
    public record Linear(double intercept, double[] coef, boolean logistic) implements Model {
        @Override
        public double predict(double[][] columns, int i) {
            double e = intercept;
            for (int j = 0; j < coef.length; j++) {
                e += coef[j] * columns[j][i];
            }
            return logistic ? 1 / (1 + Math.exp(-e)) : e;
        }
    }
}
