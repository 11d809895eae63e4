package io.cerebro.core.spec;

import io.cerebro.core.error.UserInputException;

/**
 * Sensitivity of an event study to violations of parallel trends (Rambachan and Roth 2023),
 * {@code --sensitivity honest_did}.
 *
 * @param mbar       relative magnitudes: a post-period change in the trend gap may be up to {@code mbar}
 *                   times the largest pre-period change (default 1)
 * @param smoothness smoothness: the slope of the trend gap may change by up to {@code smoothness} per period
 *                   (default 0, a linear continuation of the last pre-period slope)
 */
public record HonestDidOptions(Double mbar, Double smoothness) {
    public HonestDidOptions {
        mbar = mbar == null ? 1.0 : mbar;
        smoothness = smoothness == null ? 0.0 : smoothness;
        if (!(mbar >= 0) || !(smoothness >= 0) || Double.isInfinite(mbar) || Double.isInfinite(smoothness)) {
            throw new UserInputException("--mbar and --smoothness must be finite and zero or positive, got " + mbar + " and " + smoothness);
        }
    }
}
