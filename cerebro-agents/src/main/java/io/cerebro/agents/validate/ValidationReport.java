package io.cerebro.agents.validate;

import java.util.List;

/**
 * The outcome of validating one program.
 *
 * @param verdict     how validation ended
 * @param diagnostics the exact problems found (compiler errors, policy violations, the exception,
 *                    mismatched fields), each one line; empty when the verdict is {@link Verdict#PASSED}
 * @param notes       things worth knowing that did not fail validation (fields the engine has that
 *                    the program did not print, for instance)
 * @param timings     time spent per stage
 * @param className   the program's main class, when it parsed
 */
public record ValidationReport(Verdict verdict, List<String> diagnostics, List<String> notes,
                               List<StageTiming> timings, String className) {
    public ValidationReport {
        diagnostics = List.copyOf(diagnostics);
        notes = List.copyOf(notes);
        timings = List.copyOf(timings);
    }

    /** @return whether the program passed every stage. */
    public boolean passed() {
        return verdict.passed();
    }

    /** @return total milliseconds over all stages. */
    public long totalMillis() {
        return timings.stream().mapToLong(StageTiming::millis).sum();
    }

    /** @return the verdict with its diagnostics, as handed back to an LLM for repair or printed to a user. */
    public String describe() {
        StringBuilder b = new StringBuilder(verdict.name()).append(": ").append(verdict.meaning());
        for (String d : diagnostics) {
            b.append("\n  - ").append(d);
        }
        return b.toString();
    }
}
