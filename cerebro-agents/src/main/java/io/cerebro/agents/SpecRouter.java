package io.cerebro.agents;

import io.cerebro.agents.ab.ABTestingAgent;
import io.cerebro.agents.causal.CausalInferenceAgent;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.CausalSpec;

/** Picks the agent for a spec: a switch over the sealed spec type, so a new family cannot be forgotten. */
public final class SpecRouter {
    private SpecRouter() {
    }

    /**
     * @return the agent for the spec's family
     * @throws UserInputException when the family has no agent yet
     */
    public static AnalysisAgent route(AnalysisSpec spec) {
        return switch (spec) {
            case ABTestSpec ab -> new ABTestingAgent();
            case CausalSpec c -> new CausalInferenceAgent();
        };
    }
}
