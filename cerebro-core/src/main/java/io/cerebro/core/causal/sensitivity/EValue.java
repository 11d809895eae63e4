package io.cerebro.core.causal.sensitivity;

/**
 * E-values (VanderWeele and Ding 2017): the minimum strength of association, on the risk-ratio
 * scale, that an unmeasured confounder would need with both treatment and outcome to explain away
 * an estimate (or move its confidence limit to the null).
 */
public final class EValue {
    private EValue() {
    }

    /** E-value of a risk ratio: RR + sqrt(RR (RR - 1)), after inverting a protective RR below 1. */
    public static double ofRiskRatio(double rr) {
        if (!(rr > 0)) {
            throw new IllegalArgumentException("a risk ratio must be positive, got " + rr);
        }
        double r = rr < 1 ? 1 / rr : rr;
        return r + Math.sqrt(r * (r - 1));
    }

    /**
     * E-value of the confidence limit closer to the null: 1 when the interval contains RR = 1.
     *
     * @param lower lower limit of the risk ratio's interval
     * @param upper upper limit
     */
    public static double ofInterval(double lower, double upper) {
        if (lower <= 1 && upper >= 1) {
            return 1;
        }
        return ofRiskRatio(lower > 1 ? lower : upper);
    }

    /**
     * The approximate risk ratio of a standardised mean difference d, exp(0.91 d), which
     * VanderWeele and Ding recommend for continuous outcomes.
     */
    public static double riskRatioOfStandardizedDifference(double d) {
        return Math.exp(0.91 * d);
    }
}
