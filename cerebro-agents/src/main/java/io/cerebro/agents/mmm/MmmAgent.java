package io.cerebro.agents.mmm;

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
import io.cerebro.core.mmm.MmmMethod;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.MMMSpec;

import java.util.List;

/**
 * The agent for marketing mix models. Its program prints each channel's contribution share and
 * ROAS; the offline template covers geometric adstock with logistic saturation and numeric
 * controls, and refuses other specs with one line.
 */
public final class MmmAgent implements AnalysisAgent {
    @Override
    public String family() {
        return MMMSpec.FAMILY;
    }

    @Override
    public GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context, AnalysisResult reference) {
        MMMSpec m = (MMMSpec) spec;
        requireTemplate(m, data);
        long start = System.nanoTime();
        String method = MmmMethod.CONTRIBUTION_SHARE.id();
        GenerationRequest request = new GenerationRequest(m, data, method, guidance(m), retrieve(context.retriever()), () -> MmmTemplate.program(m));
        return ValidatedGeneration.run(request, MmmPipelineFamily.INSTANCE.syntheticData(), context, reference, start);
    }

    /** Refuses what the offline template does not write, naming the alternative. */
    static void requireTemplate(MMMSpec m, Dataset data) {
        if (m.adstock() != MMMSpec.Adstock.GEOMETRIC || m.saturation() != MMMSpec.Saturation.LOGISTIC) {
            throw new UserInputException("the offline MMM pipeline covers geometric adstock with logistic saturation; drop --generate or use --adstock geometric --saturation logistic");
        }
        if (!m.organic().isEmpty()) {
            throw new UserInputException("the offline MMM pipeline takes paid channels only; drop --generate or move the organic columns out");
        }
        for (String c : m.controls()) {
            if (data != null && data.column(c).isPresent() && !data.column(c).get().type().isNumeric()) {
                throw new UserInputException("the offline MMM pipeline takes numeric controls only, and '" + c + "' holds text; drop --generate or encode it as 0/1 columns");
            }
        }
    }

    static String guidance(MMMSpec m) {
        return """
                args[0] is a CSV with the week column '%s', the outcome '%s', paid channels %s and controls %s.
                Sort by date. Hold out the last round(0.1 n) weeks (or holdout_weeks) when choosing the transform parameters.
                Media: geometric adstock with weights alpha^l / sum alpha^j, l < %d, then (1 - exp(-lam x/max))/(1 + exp(-lam x/max)).
                Design: %s%s controls, media; ridge on columns standardised over the fitting rows with penalty %s, media coefficients >= 0.
                Choose alpha in [0, 0.9] and lambda in [0.1, 10] per channel minimising NRMSE on the training weeks, refit on all weeks.
                Print {"schema": "cerebro.result/1", "family": "mmm", "method": "mmm.contribution_share", "estimates": [...]} with, per channel
                labelled by its name, "mmm.contribution_share" (sum of contributions / sum of outcome) then "mmm.roas" (sum of contributions / sum of spend).
                """.formatted(m.date(), m.outcome(), m.channels(), m.controls(), m.lMax(), m.trend() ? "linear trend, " : "",
                m.seasonality() == MMMSpec.Seasonality.YEARLY ? m.harmonics() + " yearly Fourier harmonics, " : "", m.ridge());
    }

    /** MMM examples, those with the logistic saturation the offline template writes first. */
    public static List<Content> retrieve(ContentRetriever retriever) {
        return RetrievedExamples.select(retriever, new ExampleQuery(
                "marketing mix model geometric adstock logistic saturation channel contributions ROAS ridge java",
                MmmPipelineFamily.INSTANCE.corpusFamilies(), "mmm.logistic_saturation", true));
    }
}
