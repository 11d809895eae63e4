package io.cerebro.agents.power;

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
import io.cerebro.core.power.PowerEngine;
import io.cerebro.core.power.PowerMethod;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.PowerSpec;

import java.util.List;

/** The agent for power calculations: its program reads the design table and prints the result JSON. */
public final class PowerAgent implements AnalysisAgent {

    @Override
    public String family() {
        return PowerSpec.FAMILY;
    }

    /** @param data ignored, and may be null: a power calculation reads no data */
    @Override
    public GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context, AnalysisResult reference) {
        PowerSpec p = (PowerSpec) spec;
        long start = System.nanoTime();
        String method = method(p).id();
        GenerationRequest request = new GenerationRequest(p, data, method, guidance(p, method),
                retrieve(context.retriever(), p, method), () -> PowerTemplate.program(p));
        return ValidatedGeneration.run(request, PowerPipelineFamily.INSTANCE.syntheticData(), context, reference, start);
    }

    /** @return the headline method of the spec, as the engine names it. */
    static PowerMethod method(PowerSpec p) {
        return p.solve() == PowerSpec.Solve.MDE ? PowerMethod.MDE
                : p.outcome() == PowerSpec.Outcome.PROPORTIONS ? PowerMethod.PROPORTIONS : PowerMethod.MEANS;
    }

    /** What an LLM must compute: the design table, the formulas and the estimates to print. */
    static String guidance(PowerSpec p, String method) {
        String effect = p.outcome() == PowerSpec.Outcome.PROPORTIONS ? PowerEngine.COHENS_H : PowerEngine.COHENS_D;
        return """
                This analysis reads no dataset. args[0] is a design table: the header '%s' and one row; empty cells are
                not given. No n: solve for the control-arm sample size n; no mde: solve for the mde; both: compute the power.
                Read every parameter from the file (a second run passes a different design).
                Effective size neff = n_c n_t / (n_c + n_t) with n_t = ratio * n_c. A one-sided 'less' test reads a positive mde as a decrease.
                proportions: Cohen's h = |2 asin sqrt(baseline + mde) - 2 asin sqrt(baseline)|, z-test power
                  Phi(h sqrt(neff) - z_{1-alpha/2}) + Phi(-z_{1-alpha/2} - h sqrt(neff)) (two-sided; one-sided Phi(h sqrt(neff) - z_{1-alpha})).
                means: Cohen's d = |mde| / sd, power of the t-test from the noncentral t on n_c + n_t - 2 df with noncentrality d sqrt(neff),
                  both tails when two-sided.
                Solve n and the mde by root finding to at least 1e-12 relative; the MDE for proportions is sin^2(asin sqrt(baseline) +- h/2) - baseline.
                Print {"schema": "cerebro.result/1", "family": "power", "method": "%s", "estimates": [...]} with one estimate per
                quantity, headline (the solved one) first, each {"label": ..., "method": "%s", "estimate": ...}; labels exactly:
                "%s" (n as solved, fractional), "%s", "%s", "%s" (signed, treatment minus control), "%s".
                Also print "sampleSizes": {"control": ceil(n_c), "treatment": ceil(n_t), "total": their sum}.
                """.formatted(PowerDesignTable.HEADER, method, method, PowerEngine.CONTROL_N, PowerEngine.TREATMENT_N,
                PowerEngine.POWER, PowerEngine.MDE, effect);
    }

    /** Examples of the power family (or unlabelled ones), those naming the method first. */
    static List<Content> retrieve(ContentRetriever retriever, PowerSpec p, String method) {
        return RetrievedExamples.select(retriever, new ExampleQuery("power analysis sample size " + method + " " + p.outcome() + " java",
                PowerPipelineFamily.INSTANCE.corpusFamilies(), method, false));
    }
}
