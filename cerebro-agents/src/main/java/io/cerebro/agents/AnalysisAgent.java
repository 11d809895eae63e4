package io.cerebro.agents;

import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.AnalysisSpec;

/**
 * A specialist for one analysis family: retrieves examples for the spec, generates a pipeline,
 * and validates and repairs it against the family's reference engine.
 */
public interface AnalysisAgent {
    /** @return the family this agent handles, e.g. {@code ab}. */
    String family();

    /** Generates and validates a pipeline for a spec that already passed {@code SpecValidator}. */
    GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context);

    /** @return the synthetic-data writer the validator uses for this family's second comparison. */
    SyntheticDataFactory syntheticData();
}
