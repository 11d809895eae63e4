package io.cerebro.agents;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;

/**
 * A specialist for one analysis family: retrieves examples for the spec, generates a pipeline,
 * and validates and repairs it against the family's reference engine.
 */
public interface AnalysisAgent {
    /** @return the family this agent handles, e.g. {@code ab}. */
    String family();

    /** Generates and validates a pipeline for a spec that already passed {@code SpecValidator}. */
    default GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context) {
        return generate(spec, data, context, null);
    }

    /**
     * Generates and validates a pipeline, comparing it with {@code reference} when the caller already
     * ran the engine on this spec and data (null: the validator runs it), so the engine runs once.
     */
    GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context, AnalysisResult reference);
}
