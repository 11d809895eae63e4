package io.cerebro.cli;

import io.cerebro.agents.Cerebro;
import io.cerebro.agents.validate.ValidationReport;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.SpecReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cerebro validate}: check a hand-written (or assistant-written) program against the reference engine. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Put an analysis program through Cerebro's validation: parse, safety policy, compile, sandboxed run, "
                + "comparison with the reference engine on the data and on synthetic data. Exits 0 only when it passed.",
                "The program gets the data as args[0] (a CSV, after the spec's filter) and must print result JSON.",
                "Example: cerebro validate Pipeline.java --spec ab.yaml --data checkout_ab.csv"})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROGRAM", description = "The Java source file to validate.")
    Path program;

    @Option(names = "--spec", paramLabel = "FILE", required = true, description = "The analysis spec (YAML or JSON).")
    Path specFile;

    @Option(names = "--data", paramLabel = "FILE", required = true, description = "The data file.")
    Path data;

    @Option(names = "--where", paramLabel = "SQL", description = "Keep only rows matching this SQL condition (overrides the spec's).")
    String where;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time limit of each sandboxed run of the program (default 60).")
    long timeoutSeconds;

    @Option(names = "--heap", paramLabel = "MB", defaultValue = "512",
            description = "Heap cap of each sandboxed run in MiB (default 512).")
    int heapMb;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        String code;
        try {
            code = Files.readString(program);
        } catch (IOException e) {
            throw new UserInputException("cannot read program " + program + ": " + e.getMessage());
        }
        io.cerebro.agents.validate.PipelineValidator.warmUp();
        AnalysisSpec spec = SpecReader.read(specFile);
        if (where != null) {
            spec = spec.withWhere(where);
        }
        if (timeoutSeconds < 1 || heapMb < 32) {
            throw new UserInputException("--timeout must be at least 1 second and --heap at least 32 MiB");
        }
        Cerebro cerebro = Cerebro.builder().timeout(java.time.Duration.ofSeconds(timeoutSeconds)).heapMb(heapMb).build();
        long start = System.nanoTime();
        try (Dataset d = Dataset.read(data, spec.where())) {
            ValidationReport r = cerebro.validate(code, spec, d);
            return PipelineFiles.print(r, (System.nanoTime() - start) / 1_000_000, cmd.commandLine().getOut());
        }
    }
}
