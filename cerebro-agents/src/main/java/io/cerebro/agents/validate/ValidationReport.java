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
 * @param comparisons every value compared with the engine, on the data and on the synthetic dataset
 *                    (empty when the program did not get as far as printing a result)
 * @param second      the synthetic dataset of the second comparison, or null when it was not reached
 */
public record ValidationReport(Verdict verdict, List<String> diagnostics, List<String> notes,
                               List<StageTiming> timings, String className, List<FieldComparison> comparisons,
                               SecondDataset second) {
    public ValidationReport {
        diagnostics = List.copyOf(diagnostics);
        notes = List.copyOf(notes);
        timings = List.copyOf(timings);
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
    }

    /** A report of a program that compared nothing (it failed before printing a result, or has no record of it). */
    public ValidationReport(Verdict verdict, List<String> diagnostics, List<String> notes, List<StageTiming> timings,
                            String className) {
        this(verdict, diagnostics, notes, timings, className, List.of(), null);
    }

    /** @return this report with the comparison record attached. */
    public ValidationReport withRecord(List<FieldComparison> comparisons, SecondDataset second) {
        return new ValidationReport(verdict, diagnostics, notes, timings, className, comparisons, second);
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
