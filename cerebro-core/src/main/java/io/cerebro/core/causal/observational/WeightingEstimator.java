package io.cerebro.core.causal.observational;

import io.cerebro.core.stats.Matrices;
import io.cerebro.core.spec.Estimand;

/**
 * Inverse probability weighting: Horvitz-Thompson (weights divided by the target population's size)
 * or Hajek (weights normalised to sum to one within each arm), for the ATE, ATT or ATC.
 *
 * <p>The standard error is the M-estimation sandwich that stacks the weighted-mean equations on
 * the logistic propensity model's score equations, so the uncertainty of the estimated scores is
 * accounted for (Lunceford and Davidian 2004). Clipped scores are treated as fixed.
 */
public final class WeightingEstimator {
    private WeightingEstimator() {
    }

    /**
     * An IPW estimate.
     *
     * @param estimate      weighted mean of the treated minus that of the controls
     * @param standardError sandwich standard error
     * @param mean1         weighted treated mean
     * @param mean0         weighted control mean
     * @param weights       per-unit weights (0 for trimmed units)
     */
    public record Result(double estimate, double standardError, double mean1, double mean0, double[] weights) {
    }

    /**
     * @param x         propensity design rows (intercept first), used for the score-equation correction
     * @param cov       the logistic model's (X'WX)^-1
     * @param t         0/1 treatment
     * @param y         outcome
     * @param e         propensity scores after clipping
     * @param fixed     units whose score was clipped (no derivative)
     * @param keep      units kept after trimming
     * @param estimand  ATE, ATT or ATC
     * @param hajek     normalise weights within arm
     */
    public static Result estimate(double[][] x, double[][] cov, double[] t, double[] y, double[] e, boolean[] fixed,
                                  boolean[] keep, Estimand estimand, boolean hajek) {
        int n = t.length;
        int p = cov.length;
        double[] w = new double[n];
        double[] dw = new double[n];
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            if (!keep[i]) {
                continue;
            }
            double ei = e[i];
            boolean tr = t[i] == 1;
            switch (estimand) {
                case ATE -> {
                    w[i] = tr ? 1 / ei : 1 / (1 - ei);
                    dw[i] = tr ? -(1 - ei) / ei : ei / (1 - ei);
                    target[i] = 1;
                }
                case ATT -> {
                    w[i] = tr ? 1 : ei / (1 - ei);
                    dw[i] = tr ? 0 : w[i];
                    target[i] = tr ? 1 : 0;
                }
                case ATC -> {
                    w[i] = tr ? (1 - ei) / ei : 1;
                    dw[i] = tr ? -w[i] : 0;
                    target[i] = tr ? 0 : 1;
                }
            }
            if (fixed != null && fixed[i]) {
                dw[i] = 0;
            }
        }
        ArmMean a1 = influence(x, cov, t, y, e, w, dw, target, keep, 1, hajek, p);
        ArmMean a0 = influence(x, cov, t, y, e, w, dw, target, keep, 0, hajek, p);
        double mu1 = a1.mean();
        double mu0 = a0.mean();
        double v = 0;
        for (int i = 0; i < n; i++) {
            double d = a1.influence()[i] - a0.influence()[i];
            v += d * d;
        }
        return new Result(mu1 - mu0, Math.sqrt(v) / n, mu1, mu0, w);
    }

    private record ArmMean(double mean, double[] influence) {
    }

    private static ArmMean influence(double[][] x, double[][] cov, double[] t, double[] y, double[] e,
                                                   double[] w, double[] dw, double[] target, boolean[] keep, int arm,
                                                   boolean hajek, int p) {
        int n = t.length;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i] && t[i] == arm) {
                num += w[i] * y[i];
                den += hajek ? w[i] : 0;
            }
            if (keep[i] && !hajek) {
                den += target[i];
            }
        }
        double mu = num / den;
        // G = sum over the arm of d(w_i y_i - mu c_i)/d beta, where c_i = w_i (Hajek) or target_i (HT)
        double[] g = new double[p];
        for (int i = 0; i < n; i++) {
            if (keep[i] && t[i] == arm && dw[i] != 0) {
                double f = (hajek ? (y[i] - mu) : y[i]) * dw[i];
                double[] xi = x[i];
                for (int a = 0; a < p; a++) {
                    g[a] += f * xi[a];
                }
            }
        }
        double[] gc = Matrices.multiply(cov, g);
        double cbar = den / n;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 0;
            if (keep[i]) {
                double wi = t[i] == arm ? w[i] : 0;
                double ci = hajek ? wi : target[i];
                u = wi * y[i] - mu * ci;
            }
            double s = 0;
            double r = t[i] - e[i];
            double[] xi = x[i];
            for (int a = 0; a < p; a++) {
                s += gc[a] * xi[a];
            }
            out[i] = (u + s * r) / cbar;
        }
        return new ArmMean(mu, out);
    }

    /** Kish's effective sample size (sum w)^2 / sum w^2 over the units with positive weight in an arm. */
    public static double effectiveSampleSize(double[] w, double[] t, int arm) {
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < w.length; i++) {
            if (t[i] == arm && w[i] > 0) {
                s += w[i];
                s2 += w[i] * w[i];
            }
        }
        return s2 == 0 ? 0 : s * s / s2;
    }
}
