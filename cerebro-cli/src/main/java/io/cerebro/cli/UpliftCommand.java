package io.cerebro.cli;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.SpecReader;
import io.cerebro.core.spec.UpliftSpec;
import io.cerebro.core.uplift.UpliftEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code cerebro uplift}: who gains from the treatment. A CATE learner (S, T, X, R, DR, causal
 * forest, or {@code auto}) with the ATE, ATT, effects by CATE decile, a calibration test and
 * feature importance; {@code --predict NEW.csv --output cate.csv} writes every row of NEW.csv with
 * its {@code cate} (and {@code cate_lower}, {@code cate_upper} for the forest). Flags map one to one
 * onto {@link UpliftSpec}. {@code cerebro uplift evaluate} scores an existing targeting column.
 */
@Command(name = "uplift", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = UpliftCommand.Evaluate.class,
        description = {"Uplift and heterogeneous treatment effects: who gains from the treatment, and by how much.",
                "Example: cerebro uplift examples/uplift/uplift_example.csv --treatment offer --outcome spend "
                        + "--features age,visits,tenure,loyal,region_score --propensity propensity --learner auto --report uplift.html",
                "Example: cerebro uplift evaluate scored.csv --treatment offer --outcome spend --score cate --bins 10"})
public final class UpliftCommand extends AnalysisCommand<UpliftSpec> {
    @Option(names = "--spec", paramLabel = "FILE", description = "Read the spec from YAML or JSON; flags given here override its fields.")
    Path specFile;

    @Option(names = "--treatment", paramLabel = "COL", description = "Binary treatment column (0/1, 1 = treated).")
    String treatment;

    @Option(names = "--outcome", paramLabel = "COL", description = "Outcome column (numeric or 0/1).")
    String outcome;

    @Option(names = "--features", paramLabel = "A,B", split = ",", description = "Numeric effect-modifier columns.")
    List<String> features;

    @Option(names = "--categorical", paramLabel = "A,B", split = ",",
            description = "Features read as categories (text or codes, at most 50 levels): one 0/1 dummy per level but the first (sorted), the reference.")
    List<String> categorical;

    @Option(names = "--learner", paramLabel = "L", description = "s, t, x, r, dr, causal_forest or auto (default auto: lowest cross-validated R-loss).")
    String learner;

    @Option(names = "--base", paramLabel = "B", description = "Base learner of meta-learners and nuisances: gbm (default), linear or rf (random forest).")
    String base;

    @Option(names = "--propensity", paramLabel = "COL", description = "Known probability of treatment (randomised data); default: a cross-fitted model.")
    String propensity;

    @Option(names = "--folds", paramLabel = "K", description = "Cross-fitting folds (default 5).")
    Integer folds;

    @Option(names = "--trees", paramLabel = "N", description = "Causal forest trees, even (default 500).")
    Integer trees;

    @Option(names = "--bins", paramLabel = "B", description = "Bins of the CATE table (default 10: deciles).")
    Integer bins;

    @Option(names = "--alpha", paramLabel = "A", description = "1 - interval level (default 0.05).")
    Double alpha;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed of folds, subsamples and trees (default 42).")
    Long seed;

    @Option(names = "--predict", paramLabel = "NEW", description = "Predict the effect of every row of this file (it needs the feature columns).")
    Path predict;

    @Option(names = "--output", paramLabel = "FILE", description = "With --predict: write NEW's columns plus cate (and cate_lower, cate_upper) here.")
    Path outputFile;

    @Option(names = "--no-progress", description = "Do not draw the forest's progress bar on stderr.")
    boolean noProgress;

    private UpliftEngine.Fitted fitted;

    @Override
    protected UpliftSpec buildSpec() {
        UpliftSpec.Builder b;
        if (specFile != null) {
            AnalysisSpec s = SpecReader.read(specFile);
            if (!(s instanceof UpliftSpec u)) {
                throw new UserInputException("spec " + specFile + " is a " + s.family() + " spec; use 'cerebro "
                        + io.cerebro.core.family.Families.of(s).command() + "'");
            }
            b = u.toBuilder();
        } else {
            if (treatment == null || outcome == null || features == null) {
                throw new UserInputException("name the columns: --treatment COL --outcome COL --features A,B are required, or --spec FILE");
            }
            b = UpliftSpec.builder(treatment, outcome);
        }
        if (treatment != null) b.treatment(treatment);
        if (outcome != null) b.outcome(outcome);
        if (features != null) b.features(trimmed(features));
        if (categorical != null) b.categorical(trimmed(categorical));
        if (learner != null) b.learner(UpliftSpec.Learner.parse(learner));
        if (base != null) b.base(UpliftSpec.Base.parse(base));
        if (propensity != null) b.propensity(propensity);
        if (folds != null) b.folds(folds);
        if (trees != null) b.trees(trees);
        if (bins != null) b.bins(bins);
        if (alpha != null) b.alpha(alpha);
        if (seed != null) b.seed(seed);
        if ((predict == null) != (outputFile == null)) {
            throw new UserInputException("--predict NEW.csv and --output cate.csv go together: give both, or neither");
        }
        if (outputFile != null && (outputFile.toAbsolutePath().normalize().equals(predict.toAbsolutePath().normalize())
                || (dataOptions.path() != null && outputFile.toAbsolutePath().normalize().equals(dataOptions.path().toAbsolutePath().normalize())))) {
            throw new UserInputException("--output " + outputFile + " would overwrite an input file; write the predictions to a new file");
        }
        return b.build();
    }

    @Override
    protected void beforeRun(UpliftSpec spec, PrintWriter err) {
        UpliftEngine.PROGRESS.set(noProgress ? io.cerebro.core.mmm.fit.ProgressListener.NONE : new MmmCommand.ProgressBar(err));
        UpliftEngine.ON_FIT.set(f -> fitted = f);
    }

    @Override
    protected AnalysisResult afterRun(UpliftSpec spec, Dataset data, AnalysisResult result) {
        if (predict != null && fitted != null) {
            int rows = writePredictions(spec, data, fitted, predict, outputFile);
            cmd.commandLine().getErr().println("wrote " + rows + " predicted effects to " + outputFile);
        }
        return result;
    }

    /** Writes NEW's columns as read, plus the effect columns, to {@code out}; returns the row count. */
    static int writePredictions(UpliftSpec spec, Dataset train, UpliftEngine.Fitted fitted, Path newData, Path out) {
        try (Dataset d = Dataset.read(newData)) {
            double[][] cols = io.cerebro.core.uplift.UpliftDataReader.predictionColumns(spec, train, d, "--predict " + newData);
            double[][] pred = fitted.predict(cols);
            boolean intervals = java.util.Arrays.stream(pred[1]).anyMatch(Double::isFinite);
            double z = new org.hipparchus.distribution.continuous.NormalDistribution(0, 1).inverseCumulativeProbability(1 - spec.alpha() / 2);
            String file = newData.getFileName().toString().toLowerCase(Locale.ROOT);
            if (file.endsWith(".csv") || file.endsWith(".tsv")) {
                List<String> raw = Files.readAllLines(newData);
                while (!raw.isEmpty() && raw.get(raw.size() - 1).isBlank()) {
                    raw.remove(raw.size() - 1);
                }
                if (raw.size() == pred[0].length + 1) {
                    // every row as written, so nothing of the user's values changes, then the effect columns
                    String sep = file.endsWith(".tsv") ? "\t" : ",";
                    try (BufferedWriter w = Files.newBufferedWriter(out)) {
                        w.write(raw.get(0) + sep + "cate" + (intervals ? sep + "cate_se" + sep + "cate_lower" + sep + "cate_upper" : "") + "\n");
                        for (int i = 0; i < pred[0].length; i++) {
                            StringBuilder row = new StringBuilder(raw.get(i + 1)).append(sep).append(num(pred[0][i]));
                            if (intervals) {
                                double se = pred[1][i];
                                row.append(sep).append(num(se)).append(sep).append(num(pred[0][i] - z * se)).append(sep).append(num(pred[0][i] + z * se));
                            }
                            w.write(row.append('\n').toString());
                        }
                    }
                    return pred[0].length;
                }
            }
            List<String> names = d.columnNames();
            String[][] text = new String[names.size()][];
            for (int j = 0; j < names.size(); j++) {
                text[j] = d.strings(names.get(j));
            }
            try (BufferedWriter w = Files.newBufferedWriter(out)) {
                StringBuilder h = new StringBuilder();
                for (String n : names) {
                    h.append(csv(n)).append(',');
                }
                h.append("cate");
                if (intervals) {
                    h.append(",cate_se,cate_lower,cate_upper");
                }
                w.write(h.append('\n').toString());
                int n = pred[0].length;
                for (int i = 0; i < n; i++) {
                    StringBuilder row = new StringBuilder();
                    for (String[] c : text) {
                        row.append(c[i] == null ? "" : csv(c[i])).append(',');
                    }
                    row.append(num(pred[0][i]));
                    if (intervals) {
                        double se = pred[1][i];
                        row.append(',').append(num(se)).append(',').append(num(pred[0][i] - z * se)).append(',').append(num(pred[0][i] + z * se));
                    }
                    w.write(row.append('\n').toString());
                }
                return n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static List<String> trimmed(List<String> v) {
        return v.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code cerebro uplift evaluate}: Qini and uplift curves, AUUC, uplift by bin and policy values of a score column. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Evaluate a targeting score: Qini curve and coefficient, AUUC, uplift by score bin, value of treating the top k%.",
                    "Example: cerebro uplift evaluate scored.csv --treatment offer --outcome spend --score cate --bins 10 --report qini.html"})
    public static final class Evaluate extends AnalysisCommand<UpliftSpec> {
        @Option(names = "--treatment", paramLabel = "COL", required = true, description = "Binary treatment column (0/1).")
        String treatment;

        @Option(names = "--outcome", paramLabel = "COL", required = true, description = "Outcome column.")
        String outcome;

        @Option(names = "--score", paramLabel = "COL", required = true, description = "Score column: higher = treat first.")
        String score;

        @Option(names = "--bins", paramLabel = "B", description = "Score bins (default 10).")
        Integer bins;

        @Option(names = "--propensity", paramLabel = "COL", description = "Known probability of treatment (default: the treated share).")
        String propensity;

        @Option(names = "--alpha", paramLabel = "A", description = "1 - interval level (default 0.05).")
        Double alpha;

        @Override
        protected UpliftSpec buildSpec() {
            UpliftSpec.Builder b = UpliftSpec.builder(treatment, outcome).score(score);
            if (bins != null) b.bins(bins);
            if (propensity != null) b.propensity(propensity);
            if (alpha != null) b.alpha(alpha);
            return b.build();
        }
    }
}
