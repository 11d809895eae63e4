package io.cerebro.agents.causal;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import io.cerebro.agents.AgentContext;
import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.generate.GenerationRequest;
import io.cerebro.agents.generate.RetrievedExamples;
import io.cerebro.agents.generate.RetrievedExamples.ExampleQuery;
import io.cerebro.agents.generate.OfflineGenerator;
import io.cerebro.agents.generate.ValidatedGeneration;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.PanelDesign;

import java.util.List;
import java.util.Objects;

/**
 * The agent for causal specs: retrieves causal examples for the method, generates a pipeline (the
 * offline templates of {@link CausalPipelineWriter}, or an LLM), and validates and repairs it against
 * the causal reference engine, with {@link CausalSyntheticData} for the second comparison.
 *
 * <p>The offline generator covers {@link CausalPipelineWriter#OFFLINE}; for other methods it stops
 * with one line saying so (configure an LLM, or use the engine directly).
 */
public final class CausalInferenceAgent implements AnalysisAgent {

    @Override
    public String family() {
        return "causal";
    }

    @Override
    public GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context, AnalysisResult reference) {
        CausalSpec c = (CausalSpec) spec;
        boolean twoByTwo = isTwoByTwo(c, data);
        if (context.generator() instanceof OfflineGenerator && !CausalPipelineWriter.hasTemplate(c.method())) {
            throw new UserInputException(CausalPipelineWriter.noTemplateMessage(c.method()));
        }
        if (context.generator() instanceof OfflineGenerator && c.method() == CausalMethod.SYNTH) {
            SynthPipelineSection.checkSupported(c);
        }
        if (context.generator() instanceof OfflineGenerator && c.method() == CausalMethod.RDD) {
            RddPipelineSection.check(c); // before the engine runs: covariates have no template
        }
        if (!CausalPipelineWriter.isObservational(c.method()) && !twoByTwo && c.method() != CausalMethod.IV
                && c.method() != CausalMethod.SYNTH && c.method() != CausalMethod.RDD && !PanelPipelineSection.handles(c)) {
            throw new UserInputException("pipeline generation for " + c.method().methodId()
                    + " is not available yet (no synthetic validation data for this design);"
                    + " use the engine directly ('cerebro causal' without --generate)");
        }
        long start = System.nanoTime();
        String method = c.method().methodId();
        List<Content> examples = retrieve(context.retriever(), c);
        GenerationRequest request = new GenerationRequest(c, data, method, CausalGuidance.text(c), examples,
                () -> CausalPipelineWriter.write(c));
        return ValidatedGeneration.run(request, CausalPipelineFamily.INSTANCE.syntheticData(), context, reference, start);
    }

    /** @return whether the spec is a 2x2 difference-in-differences (group and post columns, at most two periods). */
    static boolean isTwoByTwo(CausalSpec c, Dataset data) {
        PanelDesign pd = c.panel();
        return c.method() == CausalMethod.DID && pd != null && pd.treatedGroup() != null && pd.post() != null
                && pd.firstTreated() == null && (pd.time() == null || data.levels(pd.time()).size() <= 2);
    }

    /** @return the words a worked example of the method uses, for the retrieval query. */
    static String design(CausalMethod method) {
        return switch (method) {
            case DID -> "difference-in-differences panel parallel trends two-way fixed effects";
            case EVENT_STUDY -> "event study leads lags relative to treatment pre-trends";
            case STAGGERED_DID -> "staggered adoption Callaway Sant'Anna group-time ATT cohorts";
            case RDD -> "regression discontinuity running variable cutoff bandwidth rdrobust";
            case IV -> "instrumental variables two-stage least squares first stage";
            case SYNTH -> "synthetic control donor weights treated unit pre-period placebo";
            case FRONTDOOR -> "front-door adjustment mediator";
            default -> "treatment effect confounders propensity adjustment";
        };
    }

    /** Asks the retriever for causal examples of the method, those naming the method first; none without a retriever. */
    static List<Content> retrieve(ContentRetriever retriever, CausalSpec spec) {
        String method = spec.method() == CausalMethod.RDD ? RddPipelineSection.methodId(spec) : spec.method().methodId();
        String query = "causal inference " + method + " " + method.substring("causal.".length()).replace('_', ' ') + " "
                + design(spec.method()) + " java";
        return RetrievedExamples.select(retriever,
                new ExampleQuery(query, CausalPipelineFamily.INSTANCE.corpusFamilies(), method, false));
    }
}
