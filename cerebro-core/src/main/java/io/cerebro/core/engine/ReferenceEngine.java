package io.cerebro.core.engine;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;

/**
 * Computes the reference answer for a spec: the numbers generated pipelines are checked against.
 *
 * @param <S> the spec type it understands
 */
public interface ReferenceEngine<S extends AnalysisSpec> {
    /**
     * Runs the analysis. The spec has already been checked by {@link io.cerebro.core.spec.SpecValidator}
     * when called through {@link Engines#run}; engines still throw
     * {@link io.cerebro.core.error.UserInputException} for problems only the estimation reveals
     * (separation, no overlap, singular designs).
     */
    AnalysisResult run(S spec, Dataset data);
}
