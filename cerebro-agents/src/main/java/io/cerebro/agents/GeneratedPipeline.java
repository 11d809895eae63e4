package io.cerebro.agents;

import io.cerebro.agents.generate.Attempt;
import io.cerebro.agents.validate.ValidationReport;
import io.cerebro.core.spec.AnalysisSpec;

import java.util.List;

/**
 * A generated analysis program with everything needed to trust and reproduce it.
 *
 * @param code               the program's source (the last attempt)
 * @param language           {@code java}
 * @param spec               the spec it implements
 * @param method             the headline method id
 * @param retrievedExampleIds ids of the corpus examples the generator saw
 * @param generator          {@code offline} or {@code llm}
 * @param model              the model name, or {@code templates}
 * @param promptHash         SHA-256 of the prompt (or template program) that started generation
 * @param attempts           every attempt with its verdict and diagnostics
 * @param validation         the final validation report; only {@code PASSED} means the code is proven
 * @param millis             end-to-end time in milliseconds
 */
public record GeneratedPipeline(String code, String language, AnalysisSpec spec, String method, List<String> retrievedExampleIds,
                                String generator, String model, String promptHash, List<Attempt> attempts,
                                ValidationReport validation, long millis) {
    public GeneratedPipeline {
        retrievedExampleIds = List.copyOf(retrievedExampleIds);
        attempts = List.copyOf(attempts);
    }

    /** @return whether the program passed validation. */
    public boolean validated() {
        return validation != null && validation.passed();
    }
}
