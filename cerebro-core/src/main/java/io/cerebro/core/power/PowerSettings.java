package io.cerebro.core.power;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.Alternative;

/**
 * The fixed parts of a two-sample power calculation.
 *
 * @param alpha       significance level in (0, 1); default 0.05
 * @param power       target power in (0, 1), used when solving for a sample size or an MDE; default 0.8
 * @param ratio       treatment size divided by control size ({@code n_treatment = ratio * n_control}); default 1
 * @param alternative two-sided (default) or one-sided; a one-sided test is assumed to look in the
 *                    direction of the effect
 */
public record PowerSettings(double alpha, double power, double ratio, Alternative alternative) {
    public PowerSettings {
        io.cerebro.core.spec.SpecChecks.alpha(alpha);
        if (!(power > 0 && power < 1)) {
            throw new UserInputException("power must be between 0 and 1 (exclusive), got " + power + "; the usual value is 0.8");
        }
        if (!(ratio > 0) || Double.isInfinite(ratio)) {
            throw new UserInputException("allocation ratio (n_treatment / n_control) must be a positive number, got " + ratio);
        }
        alternative = alternative == null ? Alternative.TWO_SIDED : alternative;
    }

    /** Alpha 0.05, power 0.8, equal allocation, two-sided. */
    public static PowerSettings defaults() {
        return new PowerSettings(0.05, 0.8, 1, Alternative.TWO_SIDED);
    }

    /** @return a copy with another significance level. */
    public PowerSettings withAlpha(double a) {
        return new PowerSettings(a, power, ratio, alternative);
    }

    /** @return a copy with another target power. */
    public PowerSettings withPower(double p) {
        return new PowerSettings(alpha, p, ratio, alternative);
    }

    /** @return a copy with another allocation ratio. */
    public PowerSettings withRatio(double r) {
        return new PowerSettings(alpha, power, r, alternative);
    }

    /** @return a copy with another alternative. */
    public PowerSettings withAlternative(Alternative a) {
        return new PowerSettings(alpha, power, ratio, a);
    }

    boolean twoSided() {
        return alternative == Alternative.TWO_SIDED;
    }
}
