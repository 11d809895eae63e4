package io.cerebro.core.ab.frequentist;

import io.cerebro.core.result.Interval;
import io.cerebro.core.spec.Alternative;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.function.DoubleUnaryOperator;

/**
 * The pieces every test shares: p-values from a statistic's null distribution, critical values and
 * Wald-type intervals for two-sided and one-sided alternatives (treatment minus control).
 */
public final class Inference {
    /** The standard normal distribution. */
    public static final NormalDistribution STD_NORMAL = new NormalDistribution(0, 1);

    private Inference() {
    }

    /**
     * @param stat statistic, large when the arm exceeds control
     * @param alt  alternative hypothesis
     * @param cdf  the statistic's null CDF, symmetric about zero
     * @return the p-value
     */
    public static double pValue(double stat, Alternative alt, DoubleUnaryOperator cdf) {
        return switch (alt) {
            case TWO_SIDED -> Math.min(1.0, 2 * cdf.applyAsDouble(-Math.abs(stat)));
            case GREATER -> cdf.applyAsDouble(-stat);
            case LESS -> cdf.applyAsDouble(stat);
        };
    }

    /** @return the normal-theory p-value of {@code z}. */
    public static double normalPValue(double z, Alternative alt) {
        return pValue(z, alt, STD_NORMAL::cumulativeProbability);
    }

    /** @return the critical value for an interval at level 1 - alpha (1 - alpha/2 quantile when two-sided). */
    public static double critical(double alpha, Alternative alt, DoubleUnaryOperator inverseCdf) {
        return alt == Alternative.TWO_SIDED ? inverseCdf.applyAsDouble(1 - alpha / 2) : inverseCdf.applyAsDouble(1 - alpha);
    }

    /** @return the standard normal critical value. */
    public static double normalCritical(double alpha, Alternative alt) {
        return critical(alpha, alt, STD_NORMAL::inverseCumulativeProbability);
    }

    /** @return {@code est -/+ q*se}, with an infinite bound on the side a one-sided test does not bound. */
    public static Interval interval(double est, double se, double q, Alternative alt, double alpha) {
        return bounds(est - q * se, est + q * se, alt, alpha);
    }

    /** @return the interval [lower, upper] with the bound a one-sided alternative leaves open set to infinity. */
    public static Interval bounds(double lower, double upper, Alternative alt, double alpha) {
        double level = 1 - alpha;
        return switch (alt) {
            case TWO_SIDED -> Interval.confidence(lower, upper, level);
            case GREATER -> Interval.confidence(lower, Double.POSITIVE_INFINITY, level);
            case LESS -> Interval.confidence(Double.NEGATIVE_INFINITY, upper, level);
        };
    }

    /**
     * Relative lift {@code mArm/mControl - 1} with its delta-method standard error
     * {@code sqrt(vArm/mC^2 + mA^2 vControl/mC^4)}, where v are the variances of the two means.
     *
     * @return {lift, se}
     */
    public static double[] relativeLift(double mArm, double mControl, double vArm, double vControl) {
        double lift = mArm / mControl - 1;
        double se = Math.sqrt(vArm / (mControl * mControl) + mArm * mArm * vControl / Math.pow(mControl, 4));
        return new double[]{lift, se};
    }

    /** @return P(X > x) for X ~ chi-square(df), from the regularized upper incomplete gamma function (accurate in the tail). */
    public static double chiSquareSf(double x, double df) {
        return x <= 0 ? 1.0 : org.hipparchus.special.Gamma.regularizedGammaQ(df / 2, x / 2);
    }

    /** @return P(X > f) for X ~ F(df1, df2), from the regularized incomplete beta function. */
    public static double fSf(double f, double df1, double df2) {
        return f <= 0 ? 1.0 : org.hipparchus.special.Beta.regularizedBeta(df2 / (df2 + df1 * f), df2 / 2, df1 / 2);
    }

    /** Adds {@code relative_lift}, {@code relative_lift_lower}, {@code relative_lift_upper} to an estimate. */
    public static void putRelativeLift(io.cerebro.core.result.Estimate.Builder b, double mArm, double mControl,
                                       double vArm, double vControl, double q, Alternative alt) {
        if (mControl == 0) {
            return;
        }
        double[] l = relativeLift(mArm, mControl, vArm, vControl);
        b.extra("relative_lift", l[0]);
        b.extra("relative_lift_lower", alt == Alternative.LESS ? Double.NEGATIVE_INFINITY : l[0] - q * l[1]);
        b.extra("relative_lift_upper", alt == Alternative.GREATER ? Double.POSITIVE_INFINITY : l[0] + q * l[1]);
    }
}
