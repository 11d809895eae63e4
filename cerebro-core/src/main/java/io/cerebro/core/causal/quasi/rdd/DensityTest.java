package io.cerebro.core.causal.quasi.rdd;

import io.cerebro.core.causal.quasi.QuasiSupport;
import io.cerebro.core.stats.LinearModel;

import java.util.ArrayList;
import java.util.List;

/**
 * McCrary's (2008) test for manipulation of the running variable: a fine histogram, then local
 * linear fits of the bin heights on each side of the cutoff (triangular kernel); the statistic is
 * the log difference of the two density estimates at the cutoff. A large |z| means units bunch on
 * one side, which breaks the RD identification argument.
 *
 * @param logDifference theta = ln f(c+) - ln f(c-)
 * @param standardError its asymptotic standard error
 * @param z             theta / se
 * @param pValue        two-sided normal p-value
 * @param binWidth      the histogram bin width, 2 sd(x) n^(-1/2)
 * @param bandwidth     the local linear bandwidth, McCrary's rule of thumb averaged over the sides
 */
public record DensityTest(double logDifference, double standardError, double z, double pValue, double binWidth,
                          double bandwidth) {

    /** Runs the test on running-variable values x at cutoff c. */
    public static DensityTest run(double[] x, double c) {
        int n = x.length;
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            mean += v / n;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double b = 2 * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        int nl = (int) Math.ceil((c - min) / b);
        int nr = (int) Math.ceil((max - c) / b) + 1;
        double[] cl = new double[nl];
        double[] cr = new double[nr];
        for (double v : x) {
            if (v < c) {
                int k = Math.min(nl - 1, (int) Math.floor((c - v) / b));
                cl[k]++;
            } else {
                int k = Math.min(nr - 1, (int) Math.floor((v - c) / b));
                cr[k]++;
            }
        }
        double[] rl = new double[nl];
        double[] rr = new double[nr];
        for (int k = 0; k < nl; k++) {
            rl[k] = c - (k + 0.5) * b;
            cl[k] /= n * b;
        }
        for (int k = 0; k < nr; k++) {
            rr[k] = c + (k + 0.5) * b;
            cr[k] /= n * b;
        }
        double h = 0.5 * (ruleOfThumb(rl, cl, c - min) + ruleOfThumb(rr, cr, max - c));
        double fl = localLinear(rl, cl, c, h);
        double fr = localLinear(rr, cr, c, h);
        double theta = Math.log(fr) - Math.log(fl);
        double se = Math.sqrt((1.0 / (n * h)) * (24.0 / 5.0) * (1 / fr + 1 / fl));
        double z = theta / se;
        return new DensityTest(theta, se, z, QuasiSupport.pNormal(z), b, h);
    }

    /** McCrary's bandwidth for one side: 3.348 (sigma^2 range / sum f''(r)^2)^(1/5) from a quartic fit. */
    private static double ruleOfThumb(double[] r, double[] f, double range) {
        int m = r.length;
        if (m < 6) {
            return range;
        }
        double[][] x = new double[m][5];
        for (int i = 0; i < m; i++) {
            double p = 1;
            for (int j = 0; j < 5; j++) {
                x[i][j] = p;
                p *= r[i];
            }
        }
        LinearModel fit = LinearModel.fit(new String[]{"1", "r", "r2", "r3", "r4"}, x, f);
        double[] g = fit.coefficients();
        double s2 = fit.rss() / (m - 5);
        double sum = 0;
        for (double ri : r) {
            double d2 = 2 * g[2] + 6 * g[3] * ri + 12 * g[4] * ri * ri;
            sum += d2 * d2;
        }
        return 3.348 * Math.pow(s2 * range / sum, 0.2);
    }

    /** Triangular-kernel local linear intercept at c. */
    private static double localLinear(double[] r, double[] f, double c, double h) {
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (int i = 0; i < r.length; i++) {
            double u = Math.abs(r[i] - c) / h;
            if (u < 1) {
                rows.add(new double[]{1, r[i] - c});
                ys.add(f[i]);
                ws.add(1 - u);
            }
        }
        if (rows.size() < 3) {
            throw new io.cerebro.core.error.UserInputException("too few histogram bins near the cutoff for the density test;"
                    + " the running variable needs more observations on each side");
        }
        LinearModel m = LinearModel.fitWeighted(new String[]{"1", "r"}, rows.toArray(new double[0][]),
                ys.stream().mapToDouble(Double::doubleValue).toArray(), ws.stream().mapToDouble(Double::doubleValue).toArray());
        return m.coefficients()[0];
    }
}
