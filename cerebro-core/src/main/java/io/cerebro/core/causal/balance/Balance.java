package io.cerebro.core.causal.balance;

import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Series;
import io.cerebro.core.spec.Estimand;

import java.util.ArrayList;
import java.util.List;

/**
 * Standardised mean differences and variance ratios of each covariate, unweighted and with the
 * weights of a matched or weighted sample. The SMD's denominator is fixed by the estimand and taken
 * from the unweighted data (so before and after are on one scale): the treated SD for the ATT (as
 * MatchIt and cobalt report it), the control SD for the ATC, and sqrt((s1^2 + s0^2) / 2) for the ATE.
 *
 * @param covariates   covariate names
 * @param smdBefore    SMD (treated minus control) in the raw data
 * @param smdAfter     SMD after weighting (NaN when no weights)
 * @param ratioBefore  variance ratio treated / control, raw
 * @param ratioAfter   variance ratio after weighting
 */
public record Balance(List<String> covariates, double[] smdBefore, double[] smdAfter, double[] ratioBefore,
                      double[] ratioAfter) {

    /** SMD above this in absolute value is conventionally called imbalance. */
    public static final double THRESHOLD = 0.1;

    /**
     * @param names   column names of x (column 0, the intercept, is skipped)
     * @param x       design rows
     * @param t       0/1 treatment
     * @param weights sample weights after adjustment (null: before only)
     */
    public static Balance of(String[] names, double[][] x, double[] t, double[] weights, Estimand estimand) {
        int p = names.length - 1;
        double[] sb = new double[p];
        double[] sa = new double[p];
        double[] rb = new double[p];
        double[] ra = new double[p];
        List<String> cov = new ArrayList<>();
        // every covariate's moments in passes over the rows (the design is row-major: a pass per
        // column would stride through memory); each column's sums run in row order, as before
        double[][][] m = moments(x, t, p, weights);
        double[][] m1 = m[1];
        double[][] m0 = m[0];
        double[][] w1 = m[3];
        double[][] w0 = m[2];
        for (int a = 0; a < p; a++) {
            cov.add(names[a + 1]);
            double den = switch (estimand) {
                case ATT -> Math.sqrt(m1[1][a]);
                case ATC -> Math.sqrt(m0[1][a]);
                case ATE -> Math.sqrt((m1[1][a] + m0[1][a]) / 2);
            };
            sb[a] = (m1[0][a] - m0[0][a]) / den;
            rb[a] = m1[1][a] / m0[1][a];
            if (weights != null) {
                sa[a] = (w1[0][a] - w0[0][a]) / den;
                ra[a] = w1[1][a] / w0[1][a];
            } else {
                sa[a] = Double.NaN;
                ra[a] = Double.NaN;
            }
        }
        return new Balance(cov, sb, sa, rb, ra);
    }

    /**
     * Means and variances of design columns 1..p per arm, unweighted and (when {@code w} is given)
     * weighted (unbiased for frequency weights when unweighted): {@code {control, treated,
     * weighted control, weighted treated}}, each {@code {means, variances}} (the weighted ones null
     * without weights).
     *
     * <p>Two passes over the rows for all four (a pass for the sums, one for the squared deviations
     * about the means) rather than two per arm and weighting: the design is the largest thing in
     * memory, so reading it twice instead of eight times is what counts. Each sum still runs in row
     * order over its arm, so the figures are those of one arm at a time.
     */
    private static double[][][] moments(double[][] x, double[] t, int p, double[] w) {
        boolean weighted = w != null;
        double[] sw = new double[4];
        double[][] s = new double[4][p];
        for (int i = 0; i < x.length; i++) {
            int arm = t[i] == 1 ? 1 : t[i] == 0 ? 0 : -1;
            if (arm < 0) {
                continue;
            }
            double[] xi = x[i];
            double[] su = s[arm];
            sw[arm] += 1;
            for (int a = 0; a < p; a++) {
                su[a] += xi[a + 1];
            }
            if (weighted) {
                double wi = w[i];
                double[] sv = s[arm + 2];
                sw[arm + 2] += wi;
                for (int a = 0; a < p; a++) {
                    sv[a] += wi * xi[a + 1];
                }
            }
        }
        int sets = weighted ? 4 : 2;
        double[][] mean = new double[4][p];
        for (int k = 0; k < sets; k++) {
            for (int a = 0; a < p; a++) {
                mean[k][a] = s[k][a] / sw[k];
            }
        }
        double[][] ss = new double[4][p];
        double[] sw2 = new double[4];
        for (int i = 0; i < x.length; i++) {
            int arm = t[i] == 1 ? 1 : t[i] == 0 ? 0 : -1;
            if (arm < 0) {
                continue;
            }
            double[] xi = x[i];
            double[] mu = mean[arm];
            double[] su = ss[arm];
            for (int a = 0; a < p; a++) {
                double d = xi[a + 1] - mu[a];
                su[a] += d * d;
            }
            sw2[arm] += 1;
            if (weighted) {
                double wi = w[i];
                double[] mv = mean[arm + 2];
                double[] sv = ss[arm + 2];
                for (int a = 0; a < p; a++) {
                    double d = xi[a + 1] - mv[a];
                    sv[a] += wi * d * d;
                }
                sw2[arm + 2] += wi * wi;
            }
        }
        // reliability-weights correction: sum w / ((sum w)^2 - sum w^2)
        double[][][] out = new double[4][][];
        for (int k = 0; k < sets; k++) {
            double[] var = new double[p];
            for (int a = 0; a < p; a++) {
                var[a] = ss[k][a] * sw[k] / (sw[k] * sw[k] - sw2[k]);
            }
            out[k] = new double[][]{mean[k], var};
        }
        return out;
    }

    /** @return the largest absolute SMD after adjustment (before when no weights). */
    public double maxAbsSmdAfter() {
        double m = 0;
        for (int a = 0; a < smdAfter.length; a++) {
            m = Math.max(m, Math.abs(Double.isNaN(smdAfter[a]) ? smdBefore[a] : smdAfter[a]));
        }
        return m;
    }

    /**
     * @return a love plot: one row per covariate, ordered by the absolute SMD before adjustment (largest
     * first), with the SMD before and after joined, and dotted guides at ±{@value #THRESHOLD}
     */
    public Chart lovePlot() {
        Integer[] order = new Integer[covariates.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(smdBefore[b]), Math.abs(smdBefore[a])));
        double[] pos = new double[order.length];
        double[] before = new double[order.length];
        double[] after = new double[order.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            pos[i] = i;
            before[i] = smdBefore[order[i]];
            after[i] = smdAfter.length > order[i] ? smdAfter[order[i]] : Double.NaN;
            names.add(covariates.get(order[i]));
        }
        List<Series> s = new ArrayList<>();
        s.add(new Series("before", pos, before, null, null));
        if (!Double.isNaN(smdAfter.length > 0 ? smdAfter[0] : Double.NaN)) {
            s.add(new Series("after", pos, after, null, null));
        }
        return new Chart("love_plot", "dot", "Covariate balance (standardised mean differences)",
                "covariate", "standardised mean difference", names, s, 0.0, List.of(-THRESHOLD, THRESHOLD));
    }

    /**
     * A propensity overlap chart: the density (histogram heights) of the score in each arm.
     *
     * @param bins number of bins on [0, 1]
     */
    public static Chart overlapChart(double[] score, double[] t, int bins) {
        double[] x = new double[bins];
        double[] h1 = new double[bins];
        double[] h0 = new double[bins];
        double n1 = 0;
        double n0 = 0;
        for (int i = 0; i < score.length; i++) {
            int b = Math.min(bins - 1, (int) (score[i] * bins));
            if (t[i] == 1) {
                h1[b]++;
                n1++;
            } else {
                h0[b]++;
                n0++;
            }
        }
        for (int b = 0; b < bins; b++) {
            x[b] = (b + 0.5) / bins;
            h1[b] = h1[b] / n1 * bins;
            h0[b] = h0[b] / n0 * bins;
        }
        return new Chart("propensity_overlap", "line", "Propensity score overlap", "propensity score", "density",
                null, List.of(Series.of("treated", x, h1), Series.of("control", x, h0)), null);
    }
}
