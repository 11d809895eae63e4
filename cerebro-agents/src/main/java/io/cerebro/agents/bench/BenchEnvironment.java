package io.cerebro.agents.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import io.cerebro.agents.AgentContext;
import io.cerebro.agents.generate.LlmGenerator;
import io.cerebro.agents.generate.OfflineGenerator;
import io.cerebro.agents.generate.PipelineGenerator;
import io.cerebro.agents.generate.PromptOptions;
import io.cerebro.agents.generate.ValidationMemo;
import io.cerebro.agents.improve.Strategy;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.core.error.UserInputException;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the benchmark generates with: the chat model (null: offline only), the retrievers, the prompt
 * amendments per family and the sandbox limits. {@link #context} turns a {@link Strategy} into an
 * {@link AgentContext} for one case, with a fresh generator so tokens are counted per case. A
 * retrieval strategy retrieves with either generator (the offline templates ignore the examples; the
 * pipeline records their ids).
 *
 * @param model      the chat model, or null when no LLM is configured
 * @param modelName  its name (recorded in provenance)
 * @param retrievers the retriever for a retrieval mode and k, or null when no corpus index is available
 * @param amendments the prompt amendments in force for a family (empty list: none)
 * @param limits     sandbox limits of each run
 */
public record BenchEnvironment(ChatModel model, String modelName, Retrievers retrievers,
                               Function<String, List<String>> amendments, SandboxLimits limits) {
    /** Gives the retriever of a mode ({@code bm25}, {@code vector}, {@code hybrid}) returning at most k examples. */
    @FunctionalInterface
    public interface Retrievers {
        /** @return a retriever, never null */
        ContentRetriever of(String mode, int k);
    }

    public BenchEnvironment {
        amendments = amendments == null ? f -> List.of() : amendments;
        Objects.requireNonNull(limits, "limits");
    }

    /** The offline environment: no model, no retrieval, the given limits. */
    public static BenchEnvironment offline(SandboxLimits limits) {
        return new BenchEnvironment(null, null, null, null, limits);
    }

    /** @return this environment with other amendments per family. */
    public BenchEnvironment withAmendments(Function<String, List<String>> a) {
        return new BenchEnvironment(model, modelName, retrievers, a, limits);
    }

    /**
     * @param family   the case's family
     * @param strategy how to generate
     * @param memo     the case's validation memo, or null
     * @return the agent context of one case
     * @throws UserInputException when the strategy needs an LLM or a retriever the environment lacks
     */
    public AgentContext context(String family, Strategy strategy, ValidationMemo memo) {
        PipelineGenerator generator;
        if (strategy.generator().equals("offline")) {
            generator = new OfflineGenerator();
        } else {
            if (model == null) {
                throw new UserInputException("strategy " + strategy.label() + " needs an LLM: pass --llm URL --model M");
            }
            generator = new LlmGenerator(model, modelName, new PromptOptions(strategy.prompt(), amendments.apply(family)));
        }
        ContentRetriever retriever = null;
        // the offline generator writes its template whatever the examples, but the pipeline still records
        // the ids retrieved, so a retrieval strategy can be checked against a real index without an LLM
        if (!strategy.retrieval().equals("none")) {
            if (retrievers == null) {
                throw new UserInputException("strategy " + strategy.label() + " retrieves examples but no corpus index is available; "
                        + "use retrieval none");
            }
            ContentRetriever base = retrievers.of(strategy.retrieval(), strategy.k());
            retriever = strategy.examples().equals("family") ? sameFamily(base, family, strategy.k()) : base;
        }
        return new AgentContext(generator, retriever, strategy.attempts(), limits, memo);
    }

    /** Keeps the examples labelled with {@code family}, at most k. */
    static ContentRetriever sameFamily(ContentRetriever base, String family, int k) {
        return query -> base.retrieve(query).stream().filter(c -> family.equals(label(c.textSegment()))).limit(k).toList();
    }

    private static String label(TextSegment s) {
        return s.metadata().getString("family");
    }
}
