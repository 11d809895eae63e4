package io.cerebro.agents;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.AnalysisSpec;

/** Picks the agent for a spec from its family ({@link PipelineFamilies}). */
public final class SpecRouter {
    private SpecRouter() {
    }

    /**
     * @return the agent for the spec's family
     * @throws UserInputException when the family has no agent yet
     */
    public static AnalysisAgent route(AnalysisSpec spec) {
        return PipelineFamilies.of(spec).agent();
    }
}
