package io.cerebro.cli;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.StudySpecReader;
import io.cerebro.core.tune.objective.CommandObjective;
import io.cerebro.core.tune.study.ProgressListener;
import io.cerebro.core.tune.study.StudyReport;
import io.cerebro.core.tune.study.StudyResult;
import io.cerebro.core.tune.study.StudyRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cerebro tune}: runs a study YAML; the flags only override the file's fields. */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Tune the parameters of any program: a study YAML names the command (placeholders {param}), the parameter space "
                + "and the sampler (grid, random, lhs, sobol, tpe, gp); every trial is kept in an append-only journal.",
                "Example: cerebro tune examples/tune/study.yaml --trials 40 --report tune.html",
                "Example: cerebro tune study.yaml --resume --parallel 4"})
public final class TuneCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "The study file.")
    Path study;

    @Option(names = "--trials", paramLabel = "N", description = "Trial budget (overrides trials:).")
    Integer trials;

    @Option(names = "--sampler", paramLabel = "S", description = "grid, random, lhs, sobol, tpe or gp (overrides sampler:).")
    String sampler;

    @Option(names = "--parallel", paramLabel = "K", description = "Trials run at once (overrides parallel:).")
    Integer parallel;

    @Option(names = "--seed", paramLabel = "N", description = "Seed (overrides seed:).")
    Long seed;

    @Option(names = "--journal", paramLabel = "FILE", description = "Trial journal (default: STUDY.journal.jsonl beside the study file).")
    Path journal;

    @Option(names = "--resume", description = "Continue the study in the journal (after Ctrl-C, kill -9, or with a larger --trials).")
    boolean resume;

    @Option(names = "--pruner", paramLabel = "P", description = "none, median, successive_halving or hyperband (overrides pruner:); "
            + "the objective reports lines 'intermediate STEP VALUE'.")
    String pruner;

    @Option(names = "--warm-start", paramLabel = "OTHER", description = "Seed the sampler with the complete trials of a finished study "
            + "(its journal, or its study YAML): they are not re-run or counted.")
    Path warmStart;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a self-contained HTML report (history, importance, slice plots).")
    Path report;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Trials listed in the text output (default ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("json")) {
            throw new UserInputException("--format " + format + " is unknown; use text or json");
        }
        io.cerebro.core.config.CerebroConfig config = CliConfig.current();
        StudySpecReader.Defaults defaults = new StudySpecReader.Defaults(config.tuneSampler(), config.tuneTrials(), config.tuneParallel());
        StudySpec spec = StudySpecReader.read(study, defaults).with(trials, sampler == null ? null : sampler.toLowerCase(Locale.ROOT), parallel, seed, journal)
                .withPruner(pruner == null ? null : pruner.toLowerCase(Locale.ROOT));
        java.util.List<io.cerebro.core.tune.journal.Trial> warm = java.util.List.of();
        if (warmStart != null) {
            Path other = warmStart.toString().matches(".*\\.ya?ml$") ? StudySpecReader.read(warmStart).journal() : warmStart;
            warm = StudyRunner.warmTrials(spec, other);
            if (warm.isEmpty()) {
                throw new UserInputException("--warm-start " + warmStart + " has no complete trial that fits this study's parameter space");
            }
        }
        PrintWriter err = cmd.commandLine().getErr();
        io.cerebro.rag.index.CorpusIndex inProcessIndex = null;
        io.cerebro.core.tune.objective.Objective objective;
        if (spec.inProcess() == null) {
            objective = new CommandObjective(spec.command(), spec.workDir(), spec.timeout(), spec.repeats(), spec.directions().size());
        } else {
            inProcessIndex = corpusIndex(spec.inProcess(), err);
            objective = corpusEval(spec, inProcessIndex);
        }
        try {
            return runStudy(spec, objective, warm, err);
        } finally {
            if (inProcessIndex != null) {
                try {
                    inProcessIndex.close();
                } catch (IOException e) {
                    err.println("warning: closing the index: " + e.getMessage());
                }
            }
        }
    }

    /** @return the index of a corpus-eval objective: its {@code index:} folder, else the default index (built on first use). */
    private static io.cerebro.rag.index.CorpusIndex corpusIndex(StudySpec.InProcess in, PrintWriter err) {
        CorpusCommand.IndexOption option = new CorpusCommand.IndexOption();
        option.index = in.settings().containsKey("index") ? Path.of(in.settings().get("index")) : null;
        return io.cerebro.rag.index.CorpusIndex.open(option.resolve(err));
    }

    /** @return the corpus-eval objective of {@code spec}, its parameters checked against the settings it can tune. */
    static io.cerebro.rag.eval.CorpusEvalObjective corpusEval(StudySpec spec, io.cerebro.rag.index.CorpusIndex index) {
        StudySpec.InProcess in = spec.inProcess();
        io.cerebro.rag.eval.CorpusEvalObjective.checkSpace(spec.space());
        Path queries = in.settings().containsKey("queries") ? Path.of(in.settings().get("queries"))
                : io.cerebro.rag.corpus.BundledCorpus.evalQueries().orElseThrow(() -> new UserInputException(
                "this build bundles no evaluation queries; give objective.queries: FILE"));
        io.cerebro.rag.index.SearchMode mode = io.cerebro.rag.eval.CorpusEvalObjective.mode(in.settings().getOrDefault("mode", "hybrid"));
        String filter = in.settings().getOrDefault("family_filter", "false");
        if (!filter.equals("true") && !filter.equals("false")) {
            throw new UserInputException("objective.family_filter must be true or false, got " + filter);
        }
        return new io.cerebro.rag.eval.CorpusEvalObjective(index, io.cerebro.rag.eval.EvalQueries.read(queries), in.metric(), mode,
                Boolean.parseBoolean(filter));
    }

    private Integer runStudy(StudySpec spec, io.cerebro.core.tune.objective.Objective objective, java.util.List<io.cerebro.core.tune.journal.Trial> warm,
                             PrintWriter err) {
        String fmt = format.toLowerCase(Locale.ROOT);
        ProgressListener progress = System.console() != null ? (done, budget, last, best) -> {
            synchronized (err) {
                int width = 30;
                int filled = (int) Math.round(width * Math.min(1.0, done / (double) budget));
                err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + budget
                        + (best == null ? "" : "  best " + String.format(Locale.ROOT, "%.6g", best.value())));
                if (done >= budget) {
                    err.println();
                }
                err.flush();
            }
        } : ProgressListener.NONE;
        StudyResult r = StudyRunner.run(spec, objective, resume, progress, warm);
        PrintWriter out = cmd.commandLine().getOut();
        out.print(fmt.equals("json") ? StudyReport.json(r) + "\n" : StudyReport.text(r, top));
        if (report != null) {
            try {
                Path parent = report.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(report, StudyReport.html(r));
            } catch (IOException e) {
                throw new UserInputException("cannot write the report " + report + ": " + e.getMessage());
            }
            if (fmt.equals("text")) {
                out.println("Report: " + report);
            }
        }
        out.flush();
        return r.best() == null ? CliSupport.FAILED : CliSupport.OK;
    }
}
