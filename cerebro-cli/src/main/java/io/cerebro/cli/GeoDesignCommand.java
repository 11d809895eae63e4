package io.cerebro.cli;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.geo.GeoDesign;
import io.cerebro.core.geo.GeoDesignResult;
import io.cerebro.core.mmm.fit.ProgressListener;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.GeoTestSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cerebro geotest design}: market selection and power before a geo test. Every simulated
 * test runs the analysis {@code cerebro geotest} runs (same estimator, same conformal inference), so
 * the power it prints is the power of that analysis. Flags map onto {@link GeoDesign.Settings}; the
 * search and the simulations draw a progress bar on stderr.
 */
@Command(name = "design", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plan a geo test: rank sets of treated locations by simulated power, minimum detectable effect and pre-period fit.",
                "Example: cerebro geotest design GeoLift_PreTest.csv --location location --time date --outcome Y --duration 15 "
                        + "--effects 0,0.05,0.10,0.15 --sizes 2-3",
                "Example: cerebro geotest design GeoLift_PreTest.csv --location location --time date --outcome Y --treated chicago,portland "
                        + "--duration 15 --effects 0,0.05,0.10,0.15 --cost-per-unit 7.4 --budget 100000"})
public final class GeoDesignCommand implements Callable<Integer> {
    @Mixin
    DataOptions dataOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--location", paramLabel = "COL", required = true, description = "Location column (market, DMA, city).")
    String location;

    @Option(names = "--time", paramLabel = "COL", required = true, description = "Period column: dates (yyyy-mm-dd) or integer periods.")
    String time;

    @Option(names = "--outcome", paramLabel = "COL", required = true, description = "Outcome column (non-negative).")
    String outcome;

    @Option(names = "--duration", paramLabel = "N", required = true, description = "Test periods.")
    int duration;

    @Option(names = "--effects", paramLabel = "E,E", split = ",", description = "Relative effects to plant (default 0,0.05,0.10,0.15; 0 gives the false-positive rate).")
    List<Double> effects;

    @Option(names = "--treated", paramLabel = "A,B", split = ",", description = "Simulate this set only (no search).")
    List<String> treated;

    @Option(names = "--sizes", paramLabel = "LO-HI", description = "Set sizes searched, e.g. 2-5 or 3 (default 2-5).")
    String sizes;

    @Option(names = "--include", paramLabel = "A,B", split = ",", description = "Locations every candidate set holds.")
    List<String> include;

    @Option(names = "--exclude", paramLabel = "A,B", split = ",", description = "Locations never treated (they stay donors).")
    List<String> exclude;

    @Option(names = "--starts", paramLabel = "N", description = "Historical start times simulated per set, the most recent (default 20).")
    Integer starts;

    @Option(names = "--max-candidates", paramLabel = "N",
            description = "Sets of one size screened exhaustively up to this many; beyond it, a random sample of this many (default 200).")
    Integer maxCandidates;

    @Option(names = "--top", paramLabel = "N", description = "Best-fitting sets of each size simulated (default 5).")
    Integer top;

    @Option(names = "--power", paramLabel = "P", description = "Power defining the minimum detectable effect (default 0.8).")
    Double power;

    @Option(names = "--cost-per-unit", paramLabel = "C", description = "Cost of one incremental unit of outcome: prices each effect.")
    Double costPerUnit;

    @Option(names = "--budget", paramLabel = "B", description = "Most the test may cost; sets over it at their MDE rank last.")
    Double budget;

    @Option(names = "--model", paramLabel = "M", description = "scm (default), augsynth, gsyn or best: the model the analysis will use.")
    String model;

    @Option(names = "--alternative", paramLabel = "ALT", description = "two_sided (default), greater or less.",
            converter = AbtestCommand.AlternativeConverter.class)
    Alternative alternative;

    @Option(names = "--alpha", paramLabel = "A", description = "Significance level (default 0.05).")
    Double alpha;

    @Option(names = "--permutations", paramLabel = "N", description = "Conformal permutations per simulated test (default 1000, as the analysis).")
    Integer permutations;

    @Option(names = "--fill", paramLabel = "F", description = "For locations missing periods: zero or drop.")
    String fill;

    @Option(names = "--min-pre-periods", paramLabel = "N", description = "Fewest periods before a simulated start (default 10).")
    Integer minPrePeriods;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed of the permutations and the random search (default 42).")
    Long seed;

    @Option(names = "--no-progress", description = "Do not draw the progress bar on stderr.")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    /** @return the settings the flags give. */
    GeoDesign.Settings settings() {
        // the analysis spec carries the model and inference; its treated locations and start are set per simulated test
        GeoTestSpec.Builder b = GeoTestSpec.builder(location, time, outcome).treated(treated != null ? GeotestCommand.trimmed(treated) : List.of("-"))
                .start("-");
        if (model != null) b.model(GeotestCommand.choice(GeoTestSpec.Model.class, "--model", model, "scm, augsynth, gsyn or best"));
        if (alternative != null) b.alternative(alternative);
        if (alpha != null) b.alpha(alpha);
        if (permutations != null) b.permutations(permutations);
        if (fill != null) b.fill(GeotestCommand.choice(GeoTestSpec.Fill.class, "--fill", fill, "zero or drop"));
        if (minPrePeriods != null) b.minPrePeriods(minPrePeriods);
        if (seed != null) b.seed(seed);
        if (dataOptions.where != null) b.where(dataOptions.where);
        if (dataOptions.dropMissing) b.dropMissing(true);
        int lo = 2;
        int hi = 5;
        if (sizes != null) {
            String[] p = sizes.trim().split("-");
            try {
                lo = Integer.parseInt(p[0].trim());
                hi = p.length > 1 ? Integer.parseInt(p[1].trim()) : lo;
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new UserInputException("--sizes '" + sizes + "' must be a size or a range, e.g. 3 or 2-5");
            }
        }
        return new GeoDesign.Settings(b.build(), duration, effects != null ? effects : List.of(0.0, 0.05, 0.10, 0.15),
                treated != null ? GeotestCommand.trimmed(treated) : null, lo, hi, include == null ? null : GeotestCommand.trimmed(include),
                exclude == null ? null : GeotestCommand.trimmed(exclude), starts != null ? starts : 20, maxCandidates != null ? maxCandidates : 200,
                top != null ? top : 5, power != null ? power : 0.8, costPerUnit, budget);
    }

    @Override
    public Integer call() {
        output.validate();
        GeoDesign.Settings s = settings();
        ProgressListener progress = noProgress ? ProgressListener.NONE : new MmmCommand.ProgressBar(cmd.commandLine().getErr());
        try (Dataset data = dataOptions.open(s.analysis())) {
            AnalysisResult r = GeoDesignResult.run(s, data, progress);
            output.emit(r, cmd.commandLine().getOut());
        }
        return CliSupport.OK;
    }
}
