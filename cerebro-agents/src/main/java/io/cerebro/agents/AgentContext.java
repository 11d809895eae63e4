package io.cerebro.agents;

import dev.langchain4j.rag.content.retriever.ContentRetriever;
import io.cerebro.agents.generate.PipelineGenerator;
import io.cerebro.agents.validate.SandboxLimits;

/**
 * What an agent works with.
 *
 * @param generator   the code generator (offline templates or an LLM)
 * @param retriever   the example retriever, or null (no examples; the offline default)
 * @param maxAttempts attempts of the repair loop (at least 1)
 * @param limits      sandbox limits of each run
 */
public record AgentContext(PipelineGenerator generator, ContentRetriever retriever, int maxAttempts, SandboxLimits limits) {
}
