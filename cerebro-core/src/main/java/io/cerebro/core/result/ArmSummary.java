package io.cerebro.core.result;

/**
 * One arm (or group) of the data: its size and the outcome's mean with an interval.
 *
 * @param arm      arm label
 * @param n        rows with an outcome
 * @param mean     outcome mean (the conversion rate for a binary outcome)
 * @param sd       outcome standard deviation (ddof 1)
 * @param interval interval for the mean (Wilson for proportions, t for means)
 */
public record ArmSummary(String arm, long n, double mean, double sd, Interval interval) {
}
