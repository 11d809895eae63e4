package io.cerebro.core.engine;

import io.cerebro.core.ab.ABTestEngine;
import io.cerebro.core.causal.CausalEngine;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecValidator;

/** Picks the reference engine for a spec and runs it after validating the spec against the data. */
public final class Engines {
    private Engines() {
    }

    /**
     * Validates {@code spec} against {@code data} (all violations at once) and runs its engine.
     *
     * @throws io.cerebro.core.error.UserInputException when the spec does not fit the data
     */
    public static AnalysisResult run(AnalysisSpec spec, Dataset data) {
        SpecValidator.requireValid(spec, data);
        return switch (spec) {
            case ABTestSpec ab -> new ABTestEngine().run(ab, data);
            case CausalSpec c -> new CausalEngine().run(c, data);
        };
    }
}
