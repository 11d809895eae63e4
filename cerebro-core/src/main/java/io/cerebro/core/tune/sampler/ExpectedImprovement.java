package io.cerebro.core.tune.sampler;

import org.hipparchus.special.Erf;

/** Expected improvement below the best loss so far, in closed form (Jones et al. 1998). */
public final class ExpectedImprovement {
    private ExpectedImprovement() {
    }

    /**
     * @return {@code E[max(best - f, 0)]} for {@code f ~ N(mean, sd²)}:
     * {@code (best - mean) Φ(z) + sd φ(z)}, {@code z = (best - mean) / sd}; {@code max(best - mean, 0)} when sd is 0
     */
    public static double of(double mean, double sd, double best) {
        double gain = best - mean;
        if (!(sd > 0)) {
            return Math.max(gain, 0);
        }
        double z = gain / sd;
        double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
        double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        return gain * cdf + sd * pdf;
    }
}
