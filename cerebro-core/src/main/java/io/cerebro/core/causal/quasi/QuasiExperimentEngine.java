package io.cerebro.core.causal.quasi;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalSpec;

/** Quasi-experimental designs: difference-in-differences, event studies, staggered adoption, regression discontinuity, instrumental variables, synthetic control. */
public final class QuasiExperimentEngine implements ReferenceEngine<CausalSpec> {
    @Override
    public AnalysisResult run(CausalSpec spec, Dataset data) {
        throw new UserInputException("causal method " + spec.method().methodId() + " is not available in this build");
    }
}
