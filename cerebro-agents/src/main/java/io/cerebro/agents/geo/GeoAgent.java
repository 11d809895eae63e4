package io.cerebro.agents.geo;

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
import io.cerebro.core.geo.GeoMethod;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.GeoTestSpec;

import java.util.List;

/**
 * The agent for geo experiments. Its program prints each cell's ATT, incremental outcome and lift
 * with their conformal intervals and p-value; the offline template covers the fixed-effect
 * synthetic control with a two-sided test and refuses other specs with one line.
 */
public final class GeoAgent implements AnalysisAgent {
    @Override
    public String family() {
        return GeoTestSpec.FAMILY;
    }

    @Override
    public GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context, AnalysisResult reference) {
        GeoTestSpec g = (GeoTestSpec) spec;
        requireTemplate(g);
        long start = System.nanoTime();
        GenerationRequest request = new GenerationRequest(g, data, GeoMethod.SCM.id(), guidance(g), retrieve(context.retriever()), () -> GeoTemplate.program(g));
        return ValidatedGeneration.run(request, GeoPipelineFamily.INSTANCE.syntheticData(), context, reference, start);
    }

    /** Refuses what the offline template does not write, naming the alternative. */
    static void requireTemplate(GeoTestSpec g) {
        if (g.model() != GeoTestSpec.Model.SCM) {
            throw new UserInputException("the offline geo pipeline covers --model scm; drop --generate or use --model scm");
        }
        if (!g.covariateColumns().isEmpty()) {
            throw new UserInputException("the offline geo pipeline covers tests without covariates; drop --generate or --covariates");
        }
        if (g.alternative() != Alternative.TWO_SIDED) {
            throw new UserInputException("the offline geo pipeline covers two-sided tests; drop --generate or use --alternative two_sided");
        }
    }

    static String guidance(GeoTestSpec g) {
        return """
                args[0] is a CSV with one row per location '%s' and period '%s' (dates or integers) and the outcome '%s'.
                Cells %s start at %s%s. Each cell's target is the mean of its locations; donors are the locations in no cell.
                Demean every series over the pre-period; donor weights w >= 0, sum 1 minimise the squared demeaned pre-period gap.
                ATT = mean test-period gap; incremental = ATT x locations x test periods; lift = incremental / (observed - incremental).
                Conformal inference: refit on every period with theta subtracted from the test periods; %d seeded permutations
                (java.util.SplittableRandom(%d), partial Fisher-Yates of the first test-period positions); sharp p-value from |residuals|,
                interval of the ATT by inverting the summed-residual statistic at alpha %s.
                Print {"schema": "cerebro.result/1", "family": "geo", "method": "geo.scm", "estimates": [...]} with, per cell labelled by
                its locations joined by '+', the ATT (interval, pValue), '<cell> incremental' and '<cell> lift' with intervals.
                """.formatted(g.location(), g.time(), g.outcome(), g.testCells(), g.start(), g.end() == null ? "" : " and end at " + g.end(),
                g.permutations(), g.seed(), g.alpha());
    }

    /** Geo examples, those written for a synthetic-control test first (the method the offline template writes). */
    public static List<Content> retrieve(ContentRetriever retriever) {
        return RetrievedExamples.select(retriever, new ExampleQuery(
                "geo experiment synthetic control treated markets donor weights pre-period fit lift ATT java",
                GeoPipelineFamily.INSTANCE.corpusFamilies(), CORPUS_METHOD, true));
    }

    /** The corpus label of the method the offline template writes (the engine calls it {@code geo.scm}). */
    static final String CORPUS_METHOD = "geo.synthetic_control";
}
