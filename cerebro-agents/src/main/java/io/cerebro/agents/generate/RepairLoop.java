package io.cerebro.agents.generate;

import io.cerebro.agents.validate.CodeExtractor;
import io.cerebro.agents.validate.PipelineValidator;
import io.cerebro.agents.validate.ValidationReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Generate, validate, feed the diagnostics back, repeat — until a program validates, the generator
 * cannot repair (offline), or {@code maxAttempts} is reached. Every attempt is recorded.
 */
public final class RepairLoop {
    private RepairLoop() {
    }

    /**
     * The loop's outcome.
     *
     * @param attempts   every attempt in order
     * @param finalCode  the last attempt's program
     * @param report     the last attempt's validation report
     * @param promptHash SHA-256 of the starting prompt
     */
    public record Outcome(List<Attempt> attempts, String finalCode, ValidationReport report, String promptHash) {
    }

    /** Runs the loop; {@code maxAttempts} must be at least 1. */
    public static Outcome run(PipelineGenerator generator, GenerationRequest request, PipelineValidator.Session session,
                              int maxAttempts) {
        return run(generator, request, session, maxAttempts, null);
    }

    /**
     * Runs the loop, looking each program up in {@code memo} first (null: validate every attempt).
     * The answer is validated as extracted code, so prose around an identical program does not matter.
     */
    public static Outcome run(PipelineGenerator generator, GenerationRequest request, PipelineValidator.Session session,
                              int maxAttempts, ValidationMemo memo) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Conversation conversation = generator.start(request);
        List<Attempt> attempts = new ArrayList<>();
        ValidationReport last = null;
        String code = null;
        for (int i = 1; i <= maxAttempts; i++) {
            long t = System.nanoTime();
            String answer = conversation.next(last);
            long generation = (System.nanoTime() - t) / 1_000_000;
            if (answer == null) {
                break;
            }
            code = CodeExtractor.extract(answer);
            t = System.nanoTime();
            last = memo == null ? session.validate(answer) : memo.validate(code, session::validate);
            long validation = (System.nanoTime() - t) / 1_000_000;
            attempts.add(new Attempt(i, last.verdict(), last.diagnostics(), generation, validation, code));
            if (last.passed()) {
                break;
            }
        }
        if (attempts.isEmpty()) {
            throw new IllegalStateException(generator.name() + " generator produced no program");
        }
        return new Outcome(attempts, code, last, conversation.promptHash());
    }
}
