package io.cerebro.agents;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import io.cerebro.agents.generate.LlmGenerator;
import io.cerebro.agents.generate.OfflineGenerator;
import io.cerebro.agents.generate.PipelineGenerator;
import io.cerebro.agents.llm.LlmConfig;
import io.cerebro.agents.validate.PipelineValidator;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.agents.validate.ValidationReport;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.SpecValidator;

import java.time.Duration;

/**
 * Cerebro as a library: run an analysis with the reference engine, or generate a validated,
 * standalone analysis program for it.
 *
 * <pre>{@code
 * Cerebro cerebro = Cerebro.builder().build();               // offline generator, no retriever
 * try (Dataset data = Dataset.read(Path.of("checkout_ab.csv"))) {
 *     ABTestSpec spec = ABTestSpec.of("variant", "converted");
 *     AnalysisResult result = cerebro.analyze(spec, data);
 *     GeneratedPipeline p = cerebro.generate(spec, data);
 *     if (p.validated()) Files.writeString(Path.of("Pipeline.java"), p.code());
 * }
 * }</pre>
 */
public final class Cerebro {
    private final AgentContext context;

    private Cerebro(AgentContext context) {
        this.context = context;
    }

    /** @return a builder with the defaults: offline generator, no retriever, 4 attempts, 60 s and 512 MiB per run. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs the reference engine (validating the spec against the data first). */
    public AnalysisResult analyze(AnalysisSpec spec, Dataset data) {
        return Engines.run(spec, data);
    }

    /**
     * Generates a pipeline for the spec and validates it against the engine, repairing it with the
     * LLM when one is configured. Check {@link GeneratedPipeline#validated()} before using the code.
     */
    public GeneratedPipeline generate(AnalysisSpec spec, Dataset data) {
        SpecValidator.requireValid(spec, data);
        return SpecRouter.route(spec).generate(spec, data, context, null);
    }

    /**
     * Like {@link #generate(AnalysisSpec, Dataset)}, for a caller that has just run the engine on the
     * same spec and data (as {@code cerebro abtest ... --generate} does): the pipeline is compared
     * with {@code reference} instead of running the engine a second time.
     */
    public GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AnalysisResult reference) {
        SpecValidator.requireValid(spec, data);
        return SpecRouter.route(spec).generate(spec, data, context, reference);
    }

    /** Puts a program someone wrote through the same validation stages as a generated one. */
    public ValidationReport validate(String code, AnalysisSpec spec, Dataset data) {
        SpecValidator.requireValid(spec, data);
        try (PipelineValidator.Session s = new PipelineValidator(context.limits(), PipelineFamilies.of(spec).syntheticData())
                .open(spec, data)) {
            return s.validate(code);
        }
    }

    /** @return the generator in use. */
    public PipelineGenerator generator() {
        return context.generator();
    }

    /** Configures a {@link Cerebro}. */
    public static final class Builder {
        private PipelineGenerator generator = new OfflineGenerator();
        private ContentRetriever retriever;
        private int maxAttempts = 4;
        private Duration timeout = SandboxLimits.DEFAULT.timeout();
        private int heapMb = SandboxLimits.DEFAULT.heapMb();
        private SandboxLimits limits;

        private Builder() {
        }

        /** Generate with this chat model (LangChain4j), recording {@code modelName} in provenance. */
        public Builder chatModel(ChatModel model, String modelName) {
            this.generator = new LlmGenerator(model, modelName);
            return this;
        }

        /** Generate with the LLM described by {@code config}. */
        public Builder llm(LlmConfig config) {
            return chatModel(config.chatModel(), config.model());
        }

        /** Use any generator (the offline one is the default). */
        public Builder generator(PipelineGenerator generator) {
            this.generator = generator;
            return this;
        }

        /** Retrieve worked examples with this retriever (null: none). */
        public Builder retriever(ContentRetriever retriever) {
            this.retriever = retriever;
            return this;
        }

        /** Attempts of the repair loop, 1 to 20 (default 4). */
        public Builder maxAttempts(int n) {
            if (n < 1 || n > 20) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 20, got " + n);
            }
            this.maxAttempts = n;
            return this;
        }

        /** Wall-clock limit of each sandboxed run (default 60 s). */
        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        /** Heap cap of each sandboxed run in MiB (default 512). */
        public Builder heapMb(int mb) {
            this.heapMb = mb;
            return this;
        }

        /**
         * Every sandbox limit at once (time, heap, threads, open files, CPU time); replaces
         * {@link #timeout} and {@link #heapMb}.
         */
        public Builder limits(SandboxLimits l) {
            this.limits = java.util.Objects.requireNonNull(l, "limits");
            return this;
        }

        public Cerebro build() {
            SandboxLimits l = limits != null ? limits : new SandboxLimits(timeout, heapMb);
            return new Cerebro(new AgentContext(generator, retriever, maxAttempts, l));
        }
    }
}
