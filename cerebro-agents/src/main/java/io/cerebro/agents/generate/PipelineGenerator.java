package io.cerebro.agents.generate;

/** Writes analysis programs: {@link OfflineGenerator} (templates) or {@link LlmGenerator} (a chat model). */
public interface PipelineGenerator {
    /** @return {@code offline} or {@code llm}. */
    String name();

    /** @return the model name, or {@code templates} for the offline generator. */
    String model();

    /**
     * @return tokens (prompt and completion) this generator's model reported so far, 0 for the offline
     * generator or a server that reports no usage
     */
    default long tokensUsed() {
        return 0;
    }

    /** Starts a conversation for one request. */
    Conversation start(GenerationRequest request);
}
