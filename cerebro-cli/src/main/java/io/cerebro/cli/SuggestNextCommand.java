package io.cerebro.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.suggest.CausalResultAdvisor;
import io.cerebro.core.tune.suggest.NextExperimentAdvisor;
import io.cerebro.core.tune.suggest.ResultsAdvisor;
import io.cerebro.core.tune.suggest.StudyAdvisor;
import io.cerebro.core.tune.suggest.Suggestion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cerebro suggest-next}: the follow-up experiment of a finished run, with its reasons. */
@Command(name = "suggest-next", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read a finished run and write the config of the follow-up experiment, with the numbers behind it. The run is "
                + "an A/B result (cerebro abtest --format json: underpowered, heavy tails, subgroup by --by), a tuning study's YAML "
                + "(boundary of the space, high variance over repeats) or a results table of runs per variant with metadata columns "
                + "(high variance, outliers, subgroup specialists, underpowered, a causal question worth asking), an experiment of the store "
                + "(store:NAME: the analysis exp analyze runs, then the A/B detectors) or a causal result (cerebro causal --format json: "
                + "unrefuted, fragile to unmeasured confounding).",
                "Example: cerebro suggest-next --run store:checkout-v2 --store exp.duckdb --output-dir next/",
                "Example: cerebro suggest-next result.json --by country --output-dir next/",
                "Example: cerebro suggest-next --run examples/tune/study.yaml",
                "Example: cerebro suggest-next --run results.csv --variant config --value latency --direction minimize"})
public final class SuggestNextCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "The run: an A/B or causal result (.json), a study (.yaml), a results table "
            + "(.csv, .tsv, .parquet) or store:NAME, an experiment of the store (--store).")
    Path result;

    @Option(names = "--run", paramLabel = "RUN", description = "The run (instead of the positional argument).")
    Path run;

    @Option(names = "--variant", paramLabel = "COL", defaultValue = "variant", description = "Results table: the variant column (default ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--value", paramLabel = "COL", defaultValue = "value", description = "Results table: the value column (default ${DEFAULT-VALUE}).")
    String value;

    @Option(names = "--direction", paramLabel = "D", defaultValue = "maximize", description = "Results table: maximize or minimize wins (default ${DEFAULT-VALUE}).")
    String direction;

    @Option(names = "--alpha", paramLabel = "A", description = "Results table: significance level (default: the configuration's analysis.alpha, 0.05).")
    Double alpha;

    @Option(names = "--data", paramLabel = "FILE", description = "The data (default: the result's provenance dataSource).")
    Path data;

    @Option(names = "--by", paramLabel = "COL", description = "Subgroup column for the heterogeneity detector.")
    String by;

    @CommandLine.Mixin
    io.cerebro.cli.exp.StoreOption storeOption = new io.cerebro.cli.exp.StoreOption();

    @Option(names = "--metric", paramLabel = "NAME", description = "A store experiment (--run store:NAME): the metric analysed (default: the primary).")
    String metric;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Where the follow-up specs are written (default: here; for a study, beside it, "
            + "so its objective command finds its files).")
    Path outputDir;

    @Override
    public Integer call() {
        if (result != null && run != null) {
            throw new UserInputException("give the run once: as the argument or as --run");
        }
        Path in = result != null ? result : run;
        if (in == null) {
            throw new UserInputException("name the run: cerebro suggest-next --run RESULT.json|STUDY.yaml|RESULTS.csv");
        }
        boolean store = in.toString().startsWith("store:");
        if (store) {
            return storeExperiment(in.toString().substring("store:".length()));
        }
        if (metric != null) {
            throw new UserInputException("--metric is for store experiments (--run store:NAME)");
        }
        String name = in.getFileName().toString().toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.gz$", "");
        boolean study = name.endsWith(".yaml") || name.endsWith(".yml");
        boolean table = name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".parquet");
        if ((study || table) && by != null) {
            throw new UserInputException("--by is for A/B results; a results table's metadata columns are all checked for subgroups");
        }
        if (!direction.equalsIgnoreCase("maximize") && !direction.equalsIgnoreCase("minimize")) {
            throw new UserInputException("--direction " + direction + " is unknown; use maximize or minimize");
        }
        if (alpha != null && !(alpha > 0 && alpha < 1)) {
            throw new UserInputException("--alpha must be between 0 and 1, got " + alpha);
        }
        com.fasterxml.jackson.databind.JsonNode causal = study || table ? null : causalResult(in);
        if (causal != null && by != null) {
            throw new UserInputException("--by is for A/B results; a causal result's follow-ups come from its refutations and sensitivity");
        }
        List<Suggestion> found = study ? StudyAdvisor.advise(in)
                : table ? ResultsAdvisor.advise(in, variant, value, direction.equalsIgnoreCase("maximize"), alpha != null ? alpha : CliConfig.current().alpha())
                : causal != null ? CausalResultAdvisor.advise(causal, in.toString())
                : NextExperimentAdvisor.advise(in, data, by);
        if (causal != null) {
            String source = causal.path("provenance").path("dataSource").asText("DATA");
            return write(found, this.outputDir != null ? this.outputDir : Path.of("."), source,
                    "No follow-up suggested: the estimate was refuted and survives, and it is either not significant or robust to an "
                            + "unmeasured confounder as strong as the strongest observed one.");
        }
        Path outputDir = this.outputDir != null ? this.outputDir
                : study && in.toAbsolutePath().getParent() != null ? in.toAbsolutePath().getParent() : Path.of(".");
        PrintWriter out = cmd.commandLine().getOut();
        if (found.isEmpty()) {
            out.println(study ? "No follow-up suggested: the best configurations are inside the space and, with repeats, the best is told apart from the second."
                    : table ? "No follow-up suggested: spreads are alike, no run is an outlier, no subgroup has its own winner, the winner is clear "
                    + "or adequately powered, and no two-valued column goes with the value."
                    : "No follow-up suggested: the result is significant or adequately powered, the outcome is not heavy-tailed"
                    + (by == null ? "" : ", and the effect does not vary across " + by) + ".");
            out.flush();
            return CliSupport.OK;
        }
        return write(found, outputDir, table ? in.toString() : "DATA", null);
    }

    /** @return the result JSON when {@code in} is a causal result, else null (an A/B result or not JSON: the A/B advisor reports it). */
    private static com.fasterxml.jackson.databind.JsonNode causalResult(Path in) {
        try {
            com.fasterxml.jackson.databind.JsonNode r = new ObjectMapper().readTree(Files.readString(in));
            return r != null && CausalResultAdvisor.isCausal(r) ? r : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A store experiment: the analysis {@code cerebro exp analyze} runs (without storing its
     * decision), its units exported beside the follow-ups as NAME-units.csv (what the follow-up A/B
     * specs run on), then the A/B result's detectors.
     */
    private Integer storeExperiment(String name) {
        if (name.isBlank()) {
            throw new UserInputException("--run store: needs the experiment's name, e.g. --run store:checkout-v2");
        }
        Path dir = outputDir != null ? outputDir : Path.of(".");
        Path units = dir.resolve(name + "-units.csv");
        Path resultFile;
        try (io.cerebro.store.ExperimentStore st = storeOption.open()) {
            io.cerebro.experiment.Lifecycle life = new io.cerebro.experiment.Lifecycle(st);
            io.cerebro.experiment.Analysis a = life.analyze(name, metric, false);
            Files.createDirectories(dir);
            try (java.io.Writer w = Files.newBufferedWriter(units)) {
                life.export(name, w);
            }
            resultFile = Files.createTempFile("cerebro-suggest-", ".json");
            Files.writeString(resultFile, io.cerebro.core.result.ResultJson.write(a.result()));
        } catch (IOException e) {
            throw new UserInputException("cannot write to " + dir + ": " + e.getMessage());
        } catch (UserInputException e) {
            throw e;
        } catch (Exception e) {
            throw new UserInputException("cannot read experiment '" + name + "' from the store: " + e.getMessage());
        }
        try {
            List<Suggestion> found = NextExperimentAdvisor.advise(resultFile, units, by);
            return write(found, dir, units.toString(), "No follow-up suggested for experiment '" + name + "': the result is significant or "
                    + "adequately powered, the outcome is not heavy-tailed" + (by == null ? "" : ", and the effect does not vary across " + by) + ".");
        } finally {
            try {
                Files.deleteIfExists(resultFile);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    private Integer write(List<Suggestion> found, Path outputDir, String data, String none) {
        PrintWriter out = cmd.commandLine().getOut();
        if (found.isEmpty() && none != null) {
            out.println(none);
            out.flush();
            return CliSupport.OK;
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        try {
            Files.createDirectories(outputDir);
            for (Suggestion s : found) {
                Path f = outputDir.resolve(s.file());
                Files.writeString(f, "# cerebro suggest-next (" + s.detector() + "): " + s.reason() + "\n" + yaml.writeValueAsString(s.spec()));
                out.println(s.detector() + ": " + s.reason());
                out.println("  -> " + f + "  (run: " + s.run().replace("NEW_DATA", "\u0000").replace("FILE", f.toString()).replace("DATA", data)
                        .replace("\u0000", "NEW_DATA") + ")");
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write to " + outputDir + ": " + e.getMessage());
        }
        out.flush();
        return CliSupport.OK;
    }
}
