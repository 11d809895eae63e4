package io.cerebro.core.uplift.model;

/** Fits a {@link Model} of a target on a subset of rows of a {@link FeatureMatrix}. */
public interface BaseLearner {
    /**
     * @param x      the features
     * @param target the target, indexed by row of {@code x}
     * @param weight per-row weights indexed like {@code target}, or null for equal weights
     * @param rows   the rows to fit on
     * @param loss   squared error or log-loss (then the target is 0/1)
     */
    Model fit(FeatureMatrix x, double[] target, double[] weight, int[] rows, Loss loss);

    /** @return the learner for outcome models (arms of the T-learner, nuisances), by default this one. */
    default BaseLearner forOutcomes() {
        return this;
    }

    /** @return the learner for the propensity model, by default this one. */
    default BaseLearner forPropensity() {
        return this;
    }

    /** @return a short name for reports ({@code gbm}, {@code linear}). */
    String name();
}
