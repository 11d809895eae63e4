package io.cerebro.agents;

import dev.langchain4j.rag.content.retriever.ContentRetriever;
import io.cerebro.agents.generate.PipelineGenerator;
import io.cerebro.agents.generate.ValidationMemo;
import io.cerebro.agents.validate.SandboxLimits;

/**
 * What an agent works with.
 *
 * @param generator   the code generator (offline templates or an LLM)
 * @param retriever   the example retriever, or null (no examples; the offline default)
 * @param maxAttempts attempts of the repair loop (at least 1)
 * @param limits      sandbox limits of each run
 * @param memo        reports of programs already validated for this spec and data (the benchmark shares
 *                    them across runs), or null to validate every attempt
 */
public record AgentContext(PipelineGenerator generator, ContentRetriever retriever, int maxAttempts, SandboxLimits limits,
                           ValidationMemo memo) {
    /** A context that validates every attempt. */
    public AgentContext(PipelineGenerator generator, ContentRetriever retriever, int maxAttempts, SandboxLimits limits) {
        this(generator, retriever, maxAttempts, limits, null);
    }
}
