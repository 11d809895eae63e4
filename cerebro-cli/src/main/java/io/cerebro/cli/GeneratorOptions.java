package io.cerebro.cli;

import io.cerebro.agents.Cerebro;
import io.cerebro.agents.llm.LlmConfig;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Optional;

/** How pipelines are generated and validated: LLM or offline, attempts, sandbox limits. */
public final class GeneratorOptions {
    @Option(names = "--offline", description = "Use the offline template generator even when an LLM is configured.")
    boolean offline;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "4",
            description = "Generate-validate-repair rounds with an LLM (default 4).")
    int maxAttempts;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time limit of each sandboxed run of the program (default 60).")
    long timeoutSeconds;

    @Option(names = "--heap", paramLabel = "MB", defaultValue = "512",
            description = "Heap cap of each sandboxed run in MiB (default 512).")
    int heapMb;

    @Option(names = "--force", description = "Overwrite a pipeline already in the output folder.")
    boolean force;

    @Option(names = "--no-retrieval", description = "Do not retrieve worked examples from the corpus index "
            + "(they go into the LLM prompt and are recorded in validation.json).")
    boolean noRetrieval;

    @Option(names = "--retain", description = "When the pipeline validates, add it to the corpus index as a worked example "
            + "(with its spec, data schema and validation record), so the next similar spec retrieves it first.")
    boolean retain;

    /**
     * @return the spec with {@code --drop-missing} and {@code --where} applied: the flag's filter
     * replaces the spec's, so engine, validator and generated pipeline all see the same rows
     */
    static io.cerebro.core.spec.AnalysisSpec withDataFlags(io.cerebro.core.spec.AnalysisSpec spec, DataOptions data) {
        io.cerebro.core.spec.AnalysisSpec s = spec;
        if (data.dropMissing) {
            s = s.withDropMissing(true);
        }
        if (data.where != null) {
            s = s.withWhere(data.where);
        }
        return s;
    }

    /** @return a facade configured from the flags, the environment and ~/.config/cerebro/llm.yaml. */
    Cerebro cerebro() {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new io.cerebro.core.error.UserInputException("--max-attempts must be between 1 and 20, got " + maxAttempts);
        }
        if (timeoutSeconds < 1) {
            throw new io.cerebro.core.error.UserInputException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        if (heapMb < 32) {
            throw new io.cerebro.core.error.UserInputException("--heap must be at least 32 MiB, got " + heapMb);
        }
        io.cerebro.agents.validate.PipelineValidator.warmUp();
        Cerebro.Builder b = Cerebro.builder().maxAttempts(maxAttempts).timeout(Duration.ofSeconds(timeoutSeconds)).heapMb(heapMb);
        io.cerebro.core.config.CerebroConfig config = CliConfig.current();
        java.util.Map<String, String> env = new java.util.HashMap<>(CliConfig.environment());
        env.putAll(config.llmEnvironment());
        Optional<LlmConfig> llm = offline || config.offline() ? Optional.empty() : LlmConfig.load(env, System.getenv("CEREBRO_LLM_CONFIG") != null
                ? java.nio.file.Path.of(System.getenv("CEREBRO_LLM_CONFIG")) : LlmConfig.DEFAULT_FILE);
        llm.ifPresent(b::llm);
        if (!noRetrieval && config.retrieval()) {
            b.retriever(defaultRetriever(config.retrievalTopK()));
        }
        return b.build();
    }

    /**
     * The hybrid retriever over the default index of the bundled corpus, built into the user cache on
     * first use. The index stays open until the process exits (the command line runs one job).
     */
    private static dev.langchain4j.rag.content.retriever.ContentRetriever defaultRetriever(int topK) {
        java.nio.file.Path dir = io.cerebro.rag.index.DefaultIndex.location();
        if (!java.nio.file.Files.exists(dir.resolve("CURRENT"))) {
            System.err.println("cerebro: building the worked-example index on first use (about half a minute; "
                    + "--no-retrieval skips it)...");
        }
        io.cerebro.rag.index.CorpusIndex index = io.cerebro.rag.index.DefaultIndex.open();
        return io.cerebro.rag.retrieve.CorpusContentRetriever.builder(index).maxResults(topK).build();
    }
}
