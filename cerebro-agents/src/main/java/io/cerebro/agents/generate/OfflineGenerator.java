package io.cerebro.agents.generate;

import io.cerebro.agents.validate.ValidationReport;

/**
 * The default generator when no LLM is configured: deterministic, it returns the family's template
 * program with the spec's columns and options bound in. It cannot repair a failed program (the
 * templates are tested to validate), so its conversations end after one attempt.
 */
public final class OfflineGenerator implements PipelineGenerator {
    @Override
    public String name() {
        return "offline";
    }

    @Override
    public String model() {
        return "templates";
    }

    @Override
    public Conversation start(GenerationRequest request) {
        return new Conversation() {
            private String program;

            @Override
            public String next(ValidationReport previous) {
                if (previous != null) {
                    return null;
                }
                program = request.offlineProgram().get();
                return program;
            }

            @Override
            public String promptHash() {
                return Hashing.sha256(program == null ? request.offlineProgram().get() : program);
            }
        };
    }
}
