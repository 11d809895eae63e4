package io.cerebro.core.uplift.learner;

import io.cerebro.core.uplift.model.FeatureMatrix;

/**
 * The rows of an uplift analysis, column-major and primitive.
 *
 * @param x             the features
 * @param y             the outcome
 * @param w             the treatment, 0 or 1
 * @param binaryOutcome whether every outcome is 0 or 1 (outcome models then use log-loss)
 * @param propensity    the known probability of treatment per row, or null to fit it
 */
public record UpliftData(FeatureMatrix x, double[] y, double[] w, boolean binaryOutcome, double[] propensity) {
    public int rows() {
        return y.length;
    }

    /** @return the number of treated rows. */
    public int treated() {
        int c = 0;
        for (double v : w) {
            c += v == 1 ? 1 : 0;
        }
        return c;
    }
}
