package io.cerebro.core.spec;

import io.cerebro.core.error.UserInputException;

/**
 * Options for inverse probability weighting and AIPW.
 *
 * @param normalized whether weights are normalised within arm (Hajek) instead of Horvitz-Thompson, default true
 * @param clip       propensity scores are clipped to [clip, 1 - clip]; null for no clipping
 * @param trim       units with propensity outside [trim, 1 - trim] are dropped; null for no trimming
 * @param folds      cross-fitting folds for AIPW (0 or 1 means no cross-fitting), default 0
 */
public record WeightingOptions(Boolean normalized, Double clip, Double trim, Integer folds) {
    public WeightingOptions {
        normalized = normalized == null || normalized;
        if (clip != null && !(clip > 0 && clip < 0.5)) {
            throw new UserInputException("clip must be in (0, 0.5), got " + clip + "; e.g. 0.01");
        }
        if (trim != null && !(trim > 0 && trim < 0.5)) {
            throw new UserInputException("trim must be in (0, 0.5), got " + trim + "; e.g. 0.05");
        }
        folds = folds == null ? 0 : folds;
        if (folds < 0) {
            throw new UserInputException("folds must be 0 (no cross-fitting) or at least 2, got " + folds);
        }
    }

    /** Hajek weights, no clipping or trimming, no cross-fitting. */
    public static WeightingOptions defaults() {
        return new WeightingOptions(null, null, null, null);
    }
}
