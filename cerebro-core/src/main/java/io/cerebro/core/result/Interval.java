package io.cerebro.core.result;

/**
 * A confidence or credible interval. One-sided intervals have an infinite bound, written in JSON
 * as the string {@code "Infinity"} or {@code "-Infinity"}.
 *
 * @param lower lower bound
 * @param upper upper bound
 * @param level coverage, e.g. 0.95
 * @param kind  {@code confidence} or {@code credible}
 */
public record Interval(double lower, double upper, double level, String kind) {
    /** A confidence interval. */
    public static Interval confidence(double lower, double upper, double level) {
        return new Interval(lower, upper, level, "confidence");
    }

    /** A credible (Bayesian) interval. */
    public static Interval credible(double lower, double upper, double level) {
        return new Interval(lower, upper, level, "credible");
    }

    /** @return whether the interval contains x. */
    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }
}
