package io.cerebro.cli;

import io.cerebro.agents.Cerebro;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What every analysis command shares: the data file and {@code --where}/{@code --drop-missing}, the
 * output format and report, {@code --generate DIR} with the generator's options, exit codes and
 * error lines. A subclass only maps its own flags onto its family's spec builder
 * ({@link #buildSpec}); it contains no statistics and no I/O.
 *
 * <p>The engine runs once: {@code --generate} compares the pipeline with the result just printed.
 *
 * @param <S> the family's spec type
 */
public abstract class AnalysisCommand<S extends AnalysisSpec> implements Callable<Integer> {
    @Mixin
    DataOptions dataOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--generate", paramLabel = "DIR",
            description = "Also write a validated standalone pipeline (Pipeline.java, README.md, validation.json) to DIR; exit 1 if it does not validate.")
    Path generate;

    @Mixin
    GeneratorOptions generatorOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    /**
     * Builds the spec from the spec file (if any) and the flags; flags win. {@code --where} and
     * {@code --drop-missing} are applied afterwards by this class.
     *
     * @throws io.cerebro.core.error.UserInputException for a missing or impossible flag
     */
    protected abstract S buildSpec();

    /** Called with the built spec before the data is read (notes about ignored flags go here). */
    protected void beforeRun(S spec, PrintWriter err) {
    }

    /** Called with the engine's result before it is printed (a command may attach insights); default: unchanged. */
    protected AnalysisResult afterRun(S spec, Dataset data, AnalysisResult result) {
        return result;
    }

    /**
     * Runs the analysis in the SQL engine holding the rows ({@code --source}); only families with
     * sufficient statistics override this.
     */
    protected AnalysisResult runPushdown(S spec, io.cerebro.core.pushdown.SqlEngine engine, io.cerebro.core.pushdown.SqlRelation relation) {
        throw new io.cerebro.core.error.UserInputException("--source works with 'cerebro abtest'; for '" + cmd.name()
                + "' export the columns it reads to a file (Parquet or CSV) and pass that");
    }

    /** @return the spec with the data flags ({@code --where}, {@code --drop-missing}) applied. */
    @SuppressWarnings("unchecked")
    final S spec() {
        return (S) GeneratorOptions.withDataFlags(buildSpec(), dataOptions);
    }

    @Override
    public final Integer call() {
        output.validate();
        S spec = spec();
        Cerebro generator = generate != null ? generatorOptions.cerebro() : null;
        if (generate != null) {
            PipelineFiles.checkTarget(generate, generatorOptions.force);
        }
        beforeRun(spec, cmd.commandLine().getErr());
        if (dataOptions.pushdown()) {
            if (generate != null) {
                throw new io.cerebro.core.error.UserInputException("--generate reads a data file to validate the pipeline; with --source, run the analysis without --generate");
            }
            io.cerebro.core.pushdown.SqlRelation relation = dataOptions.relation(spec.where());
            try (io.cerebro.core.pushdown.SqlEngine engine = dataOptions.connect()) {
                AnalysisResult r = runPushdown(spec, engine, relation);
                output.emit(r, cmd.commandLine().getOut());
                dataOptions.reportDropped(r, cmd.commandLine().getErr());
            }
            return CliSupport.OK;
        }
        output.prewarm(spec);
        try (Dataset data = dataOptions.open(spec)) {
            AnalysisResult r = afterRun(spec, data, Engines.run(spec, data));
            PrintWriter out = cmd.commandLine().getOut();
            output.emit(r, out);
            dataOptions.reportDropped(r, cmd.commandLine().getErr());
            if (generate != null) {
                out.println();
                io.cerebro.agents.GeneratedPipeline p = generator.generate(spec, data, r);
                int code = PipelineFiles.write(p, data, generate, out);
                if (generatorOptions.retain) {
                    PipelineFiles.retain(p, data, out);
                }
                return code;
            }
        }
        return CliSupport.OK;
    }
}
