package io.cerebro.core.ab.sequential;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.special.Erf;

/** Standard normal helpers accurate in the tails (boundaries live at z of 2 to 6). */
final class Normal {
    private static final NormalDistribution STD = new NormalDistribution(0, 1);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Normal() {
    }

    static double density(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    static double cdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    static double upperTail(double x) {
        return 0.5 * Erf.erfc(x / Math.sqrt(2));
    }

    static double quantile(double p) {
        return STD.inverseCumulativeProbability(p);
    }
}
