package io.cerebro.agents.generate;

import io.cerebro.agents.validate.ValidationReport;

import java.util.function.Function;

/**
 * Remembers the validation report of a program already validated for one spec and dataset, so an
 * identical program (the benchmark's repeated rounds, a replayed answer) is not compiled and run
 * again. Validation is deterministic for a given program, spec and data, so the report is the same.
 */
@FunctionalInterface
public interface ValidationMemo {
    /**
     * @param code      the extracted program
     * @param validator validates it when the memo has no report for it
     * @return the remembered or fresh report
     */
    ValidationReport validate(String code, Function<String, ValidationReport> validator);
}
