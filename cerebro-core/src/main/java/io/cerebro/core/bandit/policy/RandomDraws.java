package io.cerebro.core.bandit.policy;

import java.util.SplittableRandom;

/** Gamma and Beta draws from a {@link SplittableRandom}, so seeded policies replay exactly. */
public final class RandomDraws {
    private RandomDraws() { }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 use the U^(1/shape) boost. */
    public static double gamma(SplittableRandom rng, double shape) {
        if (shape < 1) {
            double u = rng.nextDouble();
            return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
        }
    }

    /** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
    public static double beta(SplittableRandom rng, double a, double b) {
        double x = gamma(rng, a);
        double y = gamma(rng, b);
        return x / (x + y);
    }
}
