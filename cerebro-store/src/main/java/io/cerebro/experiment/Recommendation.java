package io.cerebro.experiment;

/**
 * What to do with an experiment now.
 *
 * @param decision         success, failure, futility or continue
 * @param winner           the variant to ship, or null when there is none
 * @param message          the recommendation in words, with its numbers
 * @param neededPerArm     units per arm the power engine needs for the MDE (or the observed effect), or null
 * @param morePerArm       how many more units per arm that is than the smaller arm has now, or null
 */
public record Recommendation(String decision, String winner, String message, Long neededPerArm, Long morePerArm) {
}
