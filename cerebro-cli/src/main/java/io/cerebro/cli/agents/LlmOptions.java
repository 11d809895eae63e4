package io.cerebro.cli.agents;

import io.cerebro.agents.bench.BenchEnvironment;
import io.cerebro.agents.llm.LlmConfig;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.core.error.UserInputException;
import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.DefaultIndex;
import io.cerebro.rag.index.SearchMode;
import io.cerebro.rag.retrieve.CorpusContentRetriever;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The options the agents commands share: which LLM, which families, sandbox limits, threads. */
public final class LlmOptions {
    @Option(names = "--llm", paramLabel = "URL",
            description = "OpenAI-compatible endpoint base URL (up to /v1), e.g. http://localhost:8000/v1; without it only the offline generator runs.")
    String url;

    @Option(names = "--model", paramLabel = "M", description = "Model name at the endpoint (required with --llm).")
    String model;

    @Option(names = "--api-key", paramLabel = "KEY", description = "API key of the endpoint, if it needs one.")
    String apiKey;

    @Option(names = "--families", paramLabel = "LIST", split = ",",
            description = "Benchmark families to run, e.g. ab,causal (default: every family).")
    List<String> families = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Cases run at once (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Time limit of each sandboxed run (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    /** @return whether an LLM was named. */
    boolean hasLlm() {
        return url != null;
    }

    /** @return the bench environment the flags describe, retrieving from the default index. */
    BenchEnvironment environment() {
        return environment(retrievers());
    }

    /** @return the bench environment the flags describe, retrieving with {@code retrievers}. */
    BenchEnvironment environment(BenchEnvironment.Retrievers retrievers) {
        if (threads < 1 || threads > 16) {
            throw new UserInputException("--threads must be 1 to 16, got " + threads);
        }
        if (timeoutSeconds < 1) {
            throw new UserInputException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(timeoutSeconds), 512);
        if (url == null) {
            if (model != null) {
                throw new UserInputException("--model needs --llm URL (the endpoint that serves it)");
            }
            return new BenchEnvironment(null, null, retrievers, null, limits);
        }
        if (model == null || model.isBlank()) {
            throw new UserInputException("--llm needs --model M (the model name at " + url + ")");
        }
        LlmConfig config = new LlmConfig("openai", url, model, apiKey, Duration.ofSeconds(300));
        return new BenchEnvironment(config.chatModel(), model, retrievers, null, limits);
    }

    /** Retrievers over the default corpus index, opened on first use (built into the user cache if absent). */
    private static BenchEnvironment.Retrievers retrievers() {
        CorpusIndex[] index = new CorpusIndex[1];
        return (mode, k) -> {
            synchronized (index) {
                if (index[0] == null) {
                    index[0] = DefaultIndex.open();
                }
            }
            return CorpusContentRetriever.builder(index[0]).mode(SearchMode.valueOf(mode.toUpperCase(Locale.ROOT))).maxResults(k).build();
        };
    }
}
