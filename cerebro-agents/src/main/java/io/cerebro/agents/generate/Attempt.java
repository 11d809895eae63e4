package io.cerebro.agents.generate;

import io.cerebro.agents.validate.Verdict;

import java.util.List;

/**
 * One generate-and-validate round.
 *
 * @param number           1-based attempt number
 * @param verdict          how validation of this attempt ended
 * @param diagnostics      the exact problems reported (empty when it passed)
 * @param generationMillis time spent generating (the LLM call, or template binding)
 * @param validationMillis time spent validating
 * @param code             the program of this attempt (as extracted from the answer)
 */
public record Attempt(int number, Verdict verdict, List<String> diagnostics, long generationMillis, long validationMillis,
                      String code) {
    public Attempt {
        diagnostics = List.copyOf(diagnostics);
    }
}
