package io.cerebro.core.spec;

import io.cerebro.core.error.UserInputException;

/**
 * Options for propensity-score and Mahalanobis matching.
 *
 * @param k           matches per unit (1:k), default 1
 * @param replacement whether a control may be used more than once, default true
 * @param caliper     maximum distance in standard deviations of the propensity score (or its logit); null for none
 */
public record MatchingOptions(Integer k, Boolean replacement, Double caliper) {
    public MatchingOptions {
        k = k == null ? 1 : k;
        if (k < 1) {
            throw new UserInputException("matching k must be at least 1, got " + k);
        }
        replacement = replacement == null || replacement;
        if (caliper != null && !(caliper > 0)) {
            throw new UserInputException("caliper must be positive (in standard deviations of the score), got " + caliper);
        }
    }

    /** 1:1 matching with replacement and no caliper. */
    public static MatchingOptions defaults() {
        return new MatchingOptions(null, null, null);
    }
}
