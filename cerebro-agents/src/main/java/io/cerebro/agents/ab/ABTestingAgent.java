package io.cerebro.agents.ab;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.cerebro.agents.AgentContext;
import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.generate.GenerationRequest;
import io.cerebro.agents.generate.RepairLoop;
import io.cerebro.agents.validate.PipelineValidator;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.data.Dataset;
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
    public SyntheticDataFactory syntheticData() {
        return AbSyntheticData::write;
    }

    @Override
    public GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context) {
        ABTestSpec ab = (ABTestSpec) spec;
        long start = System.nanoTime();
        AbPipelinePlan plan = AbPipelinePlan.of(ab, data);
        List<Content> examples = retrieve(context.retriever(), plan);
        GenerationRequest request = new GenerationRequest(ab, data, plan.method(), AbGuidance.text(plan), examples,
                () -> AbPipelineWriter.write(plan));
        RepairLoop.Outcome out;
        try (PipelineValidator.Session session = new PipelineValidator(context.limits(), syntheticData()).open(ab, data)) {
            out = RepairLoop.run(context.generator(), request, session, context.maxAttempts());
        }
        List<String> ids = examples.stream().map(c -> c.textSegment().metadata().getString("id"))
                .filter(java.util.Objects::nonNull).toList();
        return new GeneratedPipeline(out.finalCode(), "java", ab, plan.method(), ids, context.generator().name(),
                context.generator().model(), out.promptHash(), out.attempts(), out.report(),
                (System.nanoTime() - start) / 1_000_000);
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
            if (family != null && !family.isBlank() && !family.equals("ab")) {
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
        exact.addAll(rest);
        return exact.size() > MAX_EXAMPLES ? exact.subList(0, MAX_EXAMPLES) : exact;
    }
}
