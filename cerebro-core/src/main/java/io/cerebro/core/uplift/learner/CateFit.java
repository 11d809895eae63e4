package io.cerebro.core.uplift.learner;

/**
 * A fitted CATE learner.
 *
 * @param learner   the learner's name ({@code t}, {@code causal_forest}, ...)
 * @param oof       each training row's effect from models that did not see it (out-of-bag for the forest)
 * @param oofSe     their standard errors, or null when the learner has none
 * @param predictor effects (and standard errors, if any) of new rows
 */
public record CateFit(String learner, double[] oof, double[] oofSe, Predictor predictor) {
    /** Predicts effects of new rows given as feature-major columns in the training feature order. */
    public interface Predictor {
        /** @return the effect of row {@code i}. */
        double cate(double[][] columns, int i);

        /** @return its standard error, or NaN when the learner has none. */
        default double se(double[][] columns, int i) {
            return Double.NaN;
        }
    }
}
