package io.cerebro.core.causal.refute;

/**
 * The result of one refuter.
 *
 * @param refuter   its name: placebo, random_common_cause, subset, bootstrap
 * @param original  the estimate being checked
 * @param newEffect the mean estimate over the refuter's runs
 * @param spread    the standard deviation of the estimates over the runs
 * @param pValue    see {@link #meaning}
 * @param runs      how many re-estimations were made
 * @param meaning   what the p-value tests and which outcome is reassuring
 */
public record Refutation(String refuter, double original, double newEffect, double spread, double pValue, int runs,
                         String meaning) {
}
