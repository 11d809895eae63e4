package io.cerebro.agents.generate;

import io.cerebro.agents.AgentContext;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.validate.PipelineValidator;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.result.AnalysisResult;

import java.util.List;
import java.util.Objects;

/**
 * The part of every agent that does not depend on the family: open a validation session on the
 * request's spec and data, run the generate-validate-repair loop, and record the pipeline with its
 * provenance. An agent builds the {@link GenerationRequest} (its plan, guidance, examples and
 * offline template) and hands it here.
 */
public final class ValidatedGeneration {
    private ValidatedGeneration() {
    }

    /**
     * @param request     what to generate
     * @param synthetic   the family's planted-effect data writer for the second comparison
     * @param context     generator, attempts and sandbox limits
     * @param reference   the engine's result on the request's spec and data when the caller has it, else null
     * @param startNanos  when the agent started (for the end-to-end time)
     * @return the last attempt with its validation report; check {@link GeneratedPipeline#validated()}
     */
    public static GeneratedPipeline run(GenerationRequest request, SyntheticDataFactory synthetic, AgentContext context,
                                        AnalysisResult reference, long startNanos) {
        RepairLoop.Outcome out;
        try (PipelineValidator.Session session = new PipelineValidator(context.limits(), synthetic)
                .open(request.spec(), request.data(), reference)) {
            out = RepairLoop.run(context.generator(), request, session, context.maxAttempts(), context.memo());
        }
        List<String> ids = request.examples().stream().map(c -> c.textSegment().metadata().getString("id"))
                .filter(Objects::nonNull).toList();
        return new GeneratedPipeline(out.finalCode(), "java", request.spec(), request.method(), ids, context.generator().name(),
                context.generator().model(), out.promptHash(), out.attempts(), out.report(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }
}
