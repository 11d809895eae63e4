package io.cerebro.core.causal;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalSpec;

/** Runs causal specs: observational estimators and quasi-experimental designs. */
public final class CausalEngine implements ReferenceEngine<CausalSpec> {
    @Override
    public AnalysisResult run(CausalSpec spec, Dataset data) {
        throw new UserInputException("causal method " + spec.method().methodId() + " is not available in this build");
    }
}
