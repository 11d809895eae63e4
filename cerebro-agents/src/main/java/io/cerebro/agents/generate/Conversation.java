package io.cerebro.agents.generate;

import io.cerebro.agents.validate.ValidationReport;

/** One generation session: a first program, then repairs given the previous attempt's diagnostics. */
public interface Conversation {
    /**
     * @param previous the report of the previous attempt, or null for the first attempt
     * @return the next answer (code, possibly wrapped in prose), or null when this generator cannot repair
     */
    String next(ValidationReport previous);

    /** @return SHA-256 (hex) of the prompt that started the conversation, for provenance. */
    String promptHash();
}
