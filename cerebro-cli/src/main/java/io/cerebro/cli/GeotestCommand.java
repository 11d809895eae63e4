package io.cerebro.cli;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.GeoTestSpec;
import io.cerebro.core.spec.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code cerebro geotest}: the analysis of a geo experiment (some locations treated from a start
 * period, the others donors of a synthetic control), one estimate per cell with conformal
 * intervals; {@code cerebro geotest design} plans one. Flags map one to one onto {@link GeoTestSpec};
 * a {@code --spec} file gives the starting values and flags override them.
 */
@Command(name = "geotest", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = GeoDesignCommand.class,
        description = {"Geo experiment: what switching a campaign on in some locations caused (synthetic control, conformal inference).",
                "Example: cerebro geotest GeoLift_Test.csv --location location --time date --outcome Y --treated chicago,portland "
                        + "--start 2021-04-01 --end 2021-04-15 --report geo.html",
                "Example: cerebro geotest GeoLift_Test_MultiCell.csv --location location --time date --outcome Y "
                        + "--cells \"chicago,cincinnati;honolulu,indianapolis\" --start 2021-04-01",
                "Plan a test first: cerebro geotest design --help"})
public final class GeotestCommand extends AnalysisCommand<GeoTestSpec> {
    @Option(names = "--spec", paramLabel = "FILE", description = "Read the spec from YAML or JSON; flags given here override its fields.")
    Path specFile;

    @Option(names = "--location", paramLabel = "COL", description = "Location column (market, DMA, city).")
    String location;

    @Option(names = "--time", paramLabel = "COL", description = "Period column: dates (yyyy-mm-dd) or integer periods.")
    String time;

    @Option(names = "--outcome", paramLabel = "COL", description = "Outcome column (sales, visits; non-negative).")
    String outcome;

    @Option(names = "--treated", paramLabel = "A,B", split = ",", description = "Treated locations of a single-cell test.")
    List<String> treated;

    @Option(names = "--cells", paramLabel = "A,B;C,D", description = "Treated locations per cell of a multi-cell test, cells separated by ';'.")
    String cells;

    @Option(names = "--start", paramLabel = "PERIOD", description = "First test period, as written in the time column.")
    String start;

    @Option(names = "--end", paramLabel = "PERIOD", description = "Last test period (default: the last period of the data).")
    String end;

    @Option(names = "--model", paramLabel = "M", description = "scm (fixed-effect synthetic control, default), augsynth (ridge-augmented), gsyn (generalised synthetic control: interactive fixed effects) or best (smallest pre-period imbalance of the three).")
    String model;

    @Option(names = "--alternative", paramLabel = "ALT", description = "two_sided (default), greater or less.",
            converter = AbtestCommand.AlternativeConverter.class)
    Alternative alternative;

    @Option(names = "--alpha", paramLabel = "A", description = "Significance level (default 0.05).")
    Double alpha;

    @Option(names = "--permutations", paramLabel = "N", description = "Conformal permutations (default 1000).")
    Integer permutations;

    @Option(names = "--conformal", paramLabel = "C", description = "iid permutations (default, as GeoLift) or moving_block.")
    String conformal;

    @Option(names = "--fill", paramLabel = "F", description = "For locations missing periods: zero (count them as 0) or drop (leave the location out).")
    String fill;

    @Option(names = "--min-pre-periods", paramLabel = "N", description = "Fewest periods before the start accepted (default 10).")
    Integer minPrePeriods;

    @Option(names = {"--spend", "--cost"}, paramLabel = "AMOUNT", description = "Total spent on the test: adds cost per incremental unit and incremental ROAS.")
    Double spend;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed of the permutations (default 42).")
    Long seed;

    @Option(names = "--covariates", paramLabel = "C1,C2", split = ",",
            description = "Numeric columns to adjust for: the outcome is residualised on their pre-period means, period by period across donors, before the model.")
    List<String> covariates;

    @Override
    protected GeoTestSpec buildSpec() {
        return spec(specFile, location, time, outcome, treated, cells, start, b -> {
            if (end != null) b.end(end);
            if (model != null) b.model(choice(GeoTestSpec.Model.class, "--model", model, "scm, augsynth, gsyn or best"));
            if (alternative != null) b.alternative(alternative);
            if (alpha != null) b.alpha(alpha); else if (specFile == null) b.alpha(CliConfig.current().alpha());
            if (permutations != null) b.permutations(permutations); else if (specFile == null) b.permutations(CliConfig.current().permutationDraws());
            if (conformal != null) b.conformal(choice(GeoTestSpec.Conformal.class, "--conformal", conformal, "iid or moving_block"));
            if (fill != null) b.fill(choice(GeoTestSpec.Fill.class, "--fill", fill, "zero or drop"));
            if (minPrePeriods != null) b.minPrePeriods(minPrePeriods);
            if (spend != null) b.spend(spend);
            if (seed != null) b.seed(seed);
            if (covariates != null) b.covariates(covariates);
        });
    }

    /**
     * The spec from a spec file or the column flags, with the treated locations and start given
     * here; {@code more} sets the remaining flags. Shared with {@code geotest design}.
     */
    static GeoTestSpec spec(Path specFile, String location, String time, String outcome, List<String> treated, String cells, String start,
                            java.util.function.Consumer<GeoTestSpec.Builder> more) {
        GeoTestSpec.Builder b;
        if (specFile != null) {
            AnalysisSpec s = SpecReader.read(specFile);
            if (!(s instanceof GeoTestSpec g)) {
                throw new UserInputException("spec " + specFile + " is a " + s.family() + " spec; use 'cerebro "
                        + io.cerebro.core.family.Families.of(s).command() + "'");
            }
            b = g.toBuilder();
        } else {
            if (location == null || time == null || outcome == null) {
                throw new UserInputException("name the columns: --location COL --time COL --outcome COL are required, or --spec FILE");
            }
            b = GeoTestSpec.builder(location, time, outcome);
        }
        if (treated != null) {
            b.treated(trimmed(treated)).cells(null);
        }
        if (cells != null) {
            b.cells(parseCells(cells)).treated(null);
        }
        if (start != null) b.start(start);
        more.accept(b);
        if (specFile != null && (location != null || time != null || outcome != null)) {
            GeoTestSpec built = b.build();
            GeoTestSpec.Builder c = GeoTestSpec.builder(location != null ? location : built.location(), time != null ? time : built.time(),
                    outcome != null ? outcome : built.outcome());
            return copy(built, c);
        }
        return b.build();
    }

    private static GeoTestSpec copy(GeoTestSpec s, GeoTestSpec.Builder c) {
        return c.treated(s.treated()).cells(s.cells()).start(s.start()).end(s.end()).model(s.model()).alternative(s.alternative())
                .alpha(s.alpha()).permutations(s.permutations()).conformal(s.conformal()).fill(s.fill()).minPrePeriods(s.minPrePeriods())
                .spend(s.spend()).where(s.where()).seed(s.seed()).dropMissing(s.dropMissing()).covariates(s.covariates()).build();
    }

    static List<List<String>> parseCells(String text) {
        List<List<String>> out = new ArrayList<>();
        for (String cell : text.split(";")) {
            List<String> c = trimmed(List.of(cell.split(",")));
            if (c.isEmpty()) {
                throw new UserInputException("--cells '" + text + "' holds an empty cell; write cells as a,b;c,d");
            }
            out.add(c);
        }
        return out;
    }

    static <E extends Enum<E>> E choice(Class<E> type, String flag, String value, String known) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(flag + " '" + value + "' is not known; use " + known);
        }
    }

    static List<String> trimmed(List<String> v) {
        return v.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
