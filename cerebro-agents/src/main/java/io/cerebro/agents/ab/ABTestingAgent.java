package io.cerebro.agents.ab;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import io.cerebro.agents.AgentContext;
import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.generate.GenerationRequest;
import io.cerebro.agents.generate.RetrievedExamples;
import io.cerebro.agents.generate.RetrievedExamples.ExampleQuery;
import io.cerebro.agents.generate.ValidatedGeneration;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.AnalysisSpec;

import java.util.List;

/** The agent for A/B(/n) tests. */
public final class ABTestingAgent implements AnalysisAgent {

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
        String query = "A/B test " + plan.method() + " " + plan.method().substring(3).replace('_', ' ')
                + (plan.binary() ? " conversion rate binary outcome" : " continuous outcome revenue")
                + (plan.cuped() ? " CUPED covariate variance reduction" : "")
                + (plan.stratified() ? " post-stratification strata" : "")
                + (plan.arms() >= 3 ? " multiple arms Holm Benjamini-Hochberg" : "")
                + " java";
        return RetrievedExamples.select(retriever,
                new ExampleQuery(query, AbPipelineFamily.INSTANCE.corpusFamilies(), plan.method(), true));
    }
}
