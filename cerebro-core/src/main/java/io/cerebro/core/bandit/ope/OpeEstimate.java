package io.cerebro.core.bandit.ope;

/** One estimator's value of the target policy with its standard error and normal 95% interval. */
public record OpeEstimate(OffPolicyEvaluator.Estimator estimator, double value, double standardError, double lower, double upper) {
    static OpeEstimate of(OffPolicyEvaluator.Estimator e, double value, double se) {
        return new OpeEstimate(e, value, se, value - OffPolicyEvaluator.Z95 * se, value + OffPolicyEvaluator.Z95 * se);
    }
}
