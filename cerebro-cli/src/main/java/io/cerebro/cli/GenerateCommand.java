package io.cerebro.cli;

import io.cerebro.agents.Cerebro;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.SpecReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cerebro generate}: write a validated, standalone analysis program for a spec. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate a standalone Java analysis program for a spec and prove it reproduces the reference engine.",
                "Writes Pipeline.java, README.md and validation.json; exits 0 only when the program validated.",
                "Example: cerebro generate --spec ab.yaml --data checkout_ab.csv --out out/"})
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    DataOptions dataOptions;

    @Option(names = "--spec", paramLabel = "FILE", required = true, description = "The analysis spec (YAML or JSON).")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for Pipeline.java, README.md, validation.json.")
    Path out;

    @Mixin
    GeneratorOptions generatorOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        AnalysisSpec spec = SpecReader.read(specFile);
        spec = GeneratorOptions.withDataFlags(spec, dataOptions);
        Cerebro cerebro = generatorOptions.cerebro();
        PipelineFiles.checkTarget(out, generatorOptions.force);
        try (Dataset data = dataOptions.open(spec.where())) {
            GeneratedPipeline p = cerebro.generate(spec, data);
            int code = PipelineFiles.write(p, data, out, cmd.commandLine().getOut());
            if (generatorOptions.retain) {
                PipelineFiles.retain(p, data, cmd.commandLine().getOut());
            }
            return code;
        }
    }
}
