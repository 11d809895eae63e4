package io.cerebro.core.causal.observational;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalSpec;

/** Observational causal estimators: regression adjustment, propensity matching, weighting, AIPW, front-door. */
public final class ObservationalEngine implements ReferenceEngine<CausalSpec> {
    @Override
    public AnalysisResult run(CausalSpec spec, Dataset data) {
        throw new UserInputException("causal method " + spec.method().methodId() + " is not available in this build");
    }
}
