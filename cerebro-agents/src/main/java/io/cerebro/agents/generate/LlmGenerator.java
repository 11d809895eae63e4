package io.cerebro.agents.generate;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.cerebro.agents.validate.ValidationReport;

import io.cerebro.core.error.UserInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Generates pipelines with a LangChain4j {@link ChatModel} (OpenAI-compatible servers or Ollama,
 * see {@link io.cerebro.agents.llm.LlmConfig}). The conversation keeps the whole exchange, so each
 * repair request sees the previous program and the exact diagnostics it produced.
 */
public final class LlmGenerator implements PipelineGenerator {
    private final ChatModel model;
    private final String modelName;
    private final PromptOptions prompt;
    private final java.util.concurrent.atomic.AtomicLong tokens = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param model     the chat model
     * @param modelName its name, recorded in the pipeline's provenance
     */
    public LlmGenerator(ChatModel model, String modelName) {
        this(model, modelName, PromptOptions.STANDARD);
    }

    /**
     * @param model     the chat model
     * @param modelName its name, recorded in the pipeline's provenance
     * @param prompt    the prompt variant and amendments
     */
    public LlmGenerator(ChatModel model, String modelName, PromptOptions prompt) {
        this.model = Objects.requireNonNull(model, "model");
        this.modelName = modelName == null ? "unknown" : modelName;
        this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    /** @return the prompt variant and amendments in use. */
    public PromptOptions prompt() {
        return prompt;
    }

    @Override
    public long tokensUsed() {
        return tokens.get();
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public String model() {
        return modelName;
    }

    @Override
    public Conversation start(GenerationRequest request) {
        String system = PromptBuilder.system(prompt);
        // a family that reads no data (power) has no dataset to profile: its guidance describes args[0]
        String user = PromptBuilder.user(request, request.data() == null
                ? "(none: this analysis reads no dataset; args[0] is the file the guidance describes)"
                : DatasetProfile.describe(request.data()));
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(system), UserMessage.from(user)));
        String hash = Hashing.sha256(system + "\n\n" + user);
        return new Conversation() {
            @Override
            public String next(ValidationReport previous) {
                if (previous != null) {
                    messages.add(UserMessage.from(PromptBuilder.repair(previous)));
                }
                ChatResponse response;
                try {
                    response = model.chat(messages);
                } catch (RuntimeException e) {
                    throw new UserInputException("the LLM (" + modelName + ") did not answer: " + firstLine(e)
                            + "; check CEREBRO_LLM_BASE_URL / CEREBRO_LLM_MODEL, or generate with --offline");
                }
                if (response.tokenUsage() != null && response.tokenUsage().totalTokenCount() != null) {
                    tokens.addAndGet(response.tokenUsage().totalTokenCount());
                }
                AiMessage answer = response.aiMessage();
                messages.add(answer);
                return answer.text() == null ? "" : answer.text();
            }

            @Override
            public String promptHash() {
                return hash;
            }
        };
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
