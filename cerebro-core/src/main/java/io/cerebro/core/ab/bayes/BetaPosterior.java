package io.cerebro.core.ab.bayes;

import org.hipparchus.special.Beta;

/**
 * A Beta(alpha, beta) posterior of a conversion rate.
 *
 * @param alpha prior alpha plus successes
 * @param beta  prior beta plus failures
 */
public record BetaPosterior(double alpha, double beta) {
    /** @return the posterior after {@code successes} in {@code n} trials under a Beta(priorAlpha, priorBeta) prior. */
    public static BetaPosterior of(double priorAlpha, double priorBeta, double successes, long n) {
        return new BetaPosterior(priorAlpha + successes, priorBeta + n - successes);
    }

    public double mean() {
        return alpha / (alpha + beta);
    }

    public double variance() {
        double s = alpha + beta;
        return alpha * beta / (s * s * (s + 1));
    }

    public double sd() {
        return Math.sqrt(variance());
    }

    /** @return the density at x. */
    public double density(double x) {
        if (x <= 0 || x >= 1) {
            return 0;
        }
        return Math.exp((alpha - 1) * Math.log(x) + (beta - 1) * Math.log1p(-x) - Beta.logBeta(alpha, beta));
    }

    /** @return P(X <= x). */
    public double cdf(double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        return Beta.regularizedBeta(x, alpha, beta);
    }

    /** @return a range outside which the density is negligible: mean +- 15 sd, clipped to [0, 1]. */
    double[] range() {
        return new double[]{Math.max(0, mean() - 15 * sd()), Math.min(1, mean() + 15 * sd())};
    }
}
