package io.cerebro.cli;

import io.cerebro.core.data.Dataset;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The data file and how to read it; shared by the analysis commands. */
public final class DataOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA",
            description = "CSV, TSV, Parquet or JSON file (by extension; .gz allowed). May also be given as --data.")
    Path positional;

    @Option(names = "--data", paramLabel = "FILE", description = "The data file (alternative to the positional argument).")
    Path data;

    @Option(names = "--where", paramLabel = "SQL", description = "Keep only rows matching this SQL condition, e.g. \"country = 'US'\".")
    String where;

    @Option(names = "--drop-missing", description = "Drop rows with a missing or NaN value in a used column instead of failing.")
    boolean dropMissing;

    /** @return the data path given either way. */
    public Path path() {
        Path p = data != null ? data : positional;
        if (p == null) {
            throw new io.cerebro.core.error.UserInputException("no data file given: pass it as the first argument or with --data FILE");
        }
        return p;
    }

    /** Opens the dataset, applying {@code --where} (or the spec's filter when the flag is absent). */
    public Dataset open(String specWhere) {
        String w = where != null ? where : specWhere;
        return Dataset.read(path(), w);
    }

    /**
     * Opens the dataset for a spec: only the columns it reads are loaded (much faster on large
     * files), and {@code --where} (or the spec's filter) is applied while reading.
     */
    public Dataset open(io.cerebro.core.spec.AnalysisSpec spec) {
        String w = where != null ? where : spec.where();
        return Dataset.read(path(), w, spec.columns());
    }
}
