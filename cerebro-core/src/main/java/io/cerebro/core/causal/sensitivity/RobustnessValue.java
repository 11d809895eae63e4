package io.cerebro.core.causal.sensitivity;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The omitted-variable-bias robustness value of Cinelli and Hazlett (2020) for a regression
 * coefficient: the share of the residual variance of both treatment and outcome (partial R^2) that
 * an unobserved confounder would need to explain to reduce the estimate by 100q% (RV_q), or to make
 * it statistically insignificant at level alpha (RV_q,alpha).
 */
public final class RobustnessValue {
    private RobustnessValue() {
    }

    /**
     * @param t  the coefficient's t statistic
     * @param df residual degrees of freedom
     * @param q  fraction of the estimate to explain away (1 = all of it)
     * @return RV_q
     */
    public static double rv(double t, double df, double q) {
        double f = q * Math.abs(t) / Math.sqrt(df);
        return 0.5 * (Math.sqrt(f * f * f * f + 4 * f * f) - f * f);
    }

    /** @return RV_q,alpha: 0 when the estimate is already insignificant at alpha. */
    public static double rv(double t, double df, double q, double alpha) {
        double fq = q * Math.abs(t) / Math.sqrt(df);
        double crit = new TDistribution(df - 1).inverseCumulativeProbability(1 - alpha / 2) / Math.sqrt(df - 1);
        double f = fq - crit;
        if (f <= 0) {
            return 0;
        }
        return 0.5 * (Math.sqrt(f * f * f * f + 4 * f * f) - f * f);
    }

    /** @return the partial R^2 of the treatment with the outcome, t^2 / (t^2 + df). */
    public static double partialR2(double t, double df) {
        return t * t / (t * t + df);
    }
}
