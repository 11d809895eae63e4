package io.cerebro.agents.ab;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.cerebro.agents.AgentContext;
import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.generate.GenerationRequest;
import io.cerebro.agents.generate.ValidatedGeneration;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.AnalysisSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The agent for A/B(/n) tests. */
public final class ABTestingAgent implements AnalysisAgent {
    /** Examples handed to the generator at most. */
    static final int MAX_EXAMPLES = 3;

    @Override
    public String family() {
        return "ab";
    }

    @Override
    public GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context, AnalysisResult reference) {
        ABTestSpec ab = (ABTestSpec) spec;
        long start = System.nanoTime();
        AbPipelinePlan plan = AbPipelinePlan.of(ab, data);
        List<Content> examples = retrieve(context.retriever(), plan);
        GenerationRequest request = new GenerationRequest(ab, data, plan.method(), AbGuidance.text(plan), examples,
                () -> AbPipelineWriter.write(plan));
        return ValidatedGeneration.run(request, AbPipelineFamily.INSTANCE.syntheticData(), context, reference, start);
    }

    /**
     * Asks the retriever for examples of the plan's method and keeps A/B (or unlabelled) ones,
     * those naming the method first. No retriever means no examples.
     */
    static List<Content> retrieve(ContentRetriever retriever, AbPipelinePlan plan) {
        if (retriever == null) {
            return List.of();
        }
        String query = "A/B test " + plan.method() + " " + plan.method().substring(3).replace('_', ' ')
                + (plan.binary() ? " conversion rate binary outcome" : " continuous outcome revenue")
                + (plan.cuped() ? " CUPED covariate variance reduction" : "")
                + (plan.stratified() ? " post-stratification strata" : "")
                + (plan.arms() >= 3 ? " multiple arms Holm Benjamini-Hochberg" : "")
                + " java";
        List<Content> found = retriever.retrieve(Query.from(query));
        List<Content> exact = new ArrayList<>();
        List<Content> rest = new ArrayList<>();
        for (Content c : found) {
            String family = c.textSegment().metadata().getString("family");
            String methods = c.textSegment().metadata().getString("methods");
            String language = c.textSegment().metadata().getString("language");
            if (family != null && !family.isBlank() && !AbPipelineFamily.INSTANCE.corpusFamilies().contains(family)) {
                continue;
            }
            if (language != null && !language.isBlank() && !language.toLowerCase(Locale.ROOT).equals("java")
                    && !language.toLowerCase(Locale.ROOT).equals("markdown")) {
                continue;
            }
            if (methods != null && List.of(methods.split("\\s*,\\s*")).contains(plan.method())) {
                exact.add(c);
            } else {
                rest.add(c);
            }
        }
        io.cerebro.agents.generate.RetrievedExamples.provenFirst(exact);
        exact.addAll(rest);
        return exact.size() > MAX_EXAMPLES ? exact.subList(0, MAX_EXAMPLES) : exact;
    }
}
