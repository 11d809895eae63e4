package io.cerebro.agents.validate;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.AnalysisSpec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a second dataset with the same schema as the user's and a planted effect, on which a
 * validated program must agree with the engine again (so a program that hard-codes the numbers of
 * the first run fails). Each analysis family supplies its own.
 */
@FunctionalInterface
public interface SyntheticDataFactory {
    /**
     * Writes a CSV file with a header, the same column names and types as {@code original}, and a
     * planted effect.
     *
     * @param spec     the analysis spec (its columns get meaningful synthetic values)
     * @param original the user's data (its schema and per-column summaries, never copied rows)
     * @param file     where to write the CSV
     * @param seed     random seed
     */
    void write(AnalysisSpec spec, Dataset original, Path file, long seed) throws IOException;
}
