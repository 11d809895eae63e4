package io.cerebro.agents.uplift;

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
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.UpliftSpec;
import io.cerebro.core.uplift.UpliftMethod;

import java.util.List;

/**
 * The agent for uplift fits. Its program prints the AIPW ATE (cross-fitted OLS per arm, logistic
 * propensity or the known propensity column); the CATE learners themselves are not reproduced
 * (their trees, folds and subsamples are the engine's own). Score evaluations are refused with one line.
 */
public final class UpliftAgent implements AnalysisAgent {
    @Override
    public String family() {
        return UpliftSpec.FAMILY;
    }

    @Override
    public GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context, AnalysisResult reference) {
        UpliftSpec u = (UpliftSpec) spec;
        if (u.evaluates()) {
            throw new UserInputException("the offline uplift pipeline reproduces a fit's ATE, not a score evaluation; drop --generate");
        }
        long start = System.nanoTime();
        GenerationRequest request = new GenerationRequest(u, data, UpliftMethod.ATE.id(), guidance(u), retrieve(context.retriever()), () -> UpliftTemplate.program(u));
        return ValidatedGeneration.run(request, UpliftPipelineFamily.INSTANCE.syntheticData(), context, reference, start);
    }

    static String guidance(UpliftSpec u) {
        return """
                args[0] is a CSV with the 0/1 treatment '%s', the outcome '%s' and features %s%s.%s
                Split the rows into %d folds stratified by treatment. In each fold fit, on the other folds, OLS of the outcome on the
                features in each arm (mu0, mu1)%s, and predict the fold's rows. Clip e to [0.01, 0.99].
                phi = mu1 - mu0 + W (Y - mu1)/e - (1 - W)(Y - mu0)/(1 - e); ATE = mean(phi), SE = sd(phi)/sqrt(n), normal %s%% interval.
                Print {"schema": "cerebro.result/1", "family": "uplift", "method": "uplift.ate", "estimates": [{"label": "ATE",
                "method": "uplift.ate", "estimate": ..., "standardError": ..., "interval": {...}}]}.
                """.formatted(u.treatment(), u.outcome(), u.features(),
                u.propensity() == null ? "" : " and the known propensity '" + u.propensity() + "'",
                u.categorical().isEmpty() ? "" : "\nThe features " + u.categorical() + " are categories (text): each becomes one 0/1 column per level"
                        + " but the first in sorted order, the reference.",
                u.folds(),
                u.propensity() == null ? " and a logistic regression of the treatment on the features (e)" : "",
                Double.toString(100 * (1 - u.alpha())));
    }

    /** Uplift examples, the doubly robust (AIPW) one the offline program follows first. */
    public static List<Content> retrieve(ContentRetriever retriever) {
        return RetrievedExamples.select(retriever, new ExampleQuery(
                "uplift doubly robust AIPW average treatment effect cross-fitting propensity outcome models per arm java",
                UpliftPipelineFamily.INSTANCE.corpusFamilies(), "causal.aipw", true));
    }
}
