package io.cerebro.cli;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.mmm.MmmEngine;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.MMMSpec;
import io.cerebro.core.spec.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cerebro mmm}: a marketing mix model of weekly spend and outcome, with contribution shares,
 * ROAS and marginal ROAS with bootstrap intervals, fit in and out of sample, response curves, the
 * decomposition over time and, with {@code --allocate}, the budget allocator. Flags map one to one
 * onto {@link MMMSpec}; a {@code --spec} file gives the starting values and flags override them.
 * The search and the bootstrap draw a progress bar on stderr.
 */
@Command(name = "mmm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Marketing mix model: what each channel brought in (share, ROAS, marginal ROAS, intervals) and where the next dollar should go.",
                "Example: cerebro mmm mmm_example.csv --date date_week --outcome y --channels x1,x2 --controls event_1,event_2 "
                        + "--trend --seasonality yearly --seed 7 --report mmm.html",
                "Example: cerebro mmm data.csv --date week --outcome revenue --channels tv,search,social --allocate --budget 14000 "
                        + "--bounds tv=0.5:2,search=0.7:1.5"})
public final class MmmCommand extends AnalysisCommand<MMMSpec> {
    @Option(names = "--spec", paramLabel = "FILE", description = "Read the spec from YAML or JSON; flags given here override its fields.")
    Path specFile;

    @Option(names = "--date", paramLabel = "COL", description = "Week column (one row per week, no gaps or duplicates).")
    String date;

    @Option(names = "--outcome", paramLabel = "COL", description = "Outcome column (revenue, sales).")
    String outcome;

    @Option(names = "--channels", paramLabel = "A,B", split = ",", description = "Paid channel spend columns.")
    List<String> channels;

    @Option(names = "--organic", paramLabel = "A,B", split = ",", description = "Organic media columns: transformed like channels, no ROAS, not allocated.")
    List<String> organic;

    @Option(names = "--controls", paramLabel = "A,B", split = ",", description = "Control columns; text columns become indicators.")
    List<String> controls;

    @Option(names = "--adstock", paramLabel = "A", description = "geometric (default), weibull (Robyn's CDF form) or weibull_pdf.")
    String adstock;

    @Option(names = "--l-max", paramLabel = "L", description = "Lags of geometric adstock (default 8).")
    Integer lMax;

    @Option(names = "--saturation", paramLabel = "S", description = "logistic (default) or hill.")
    String saturation;

    @Option(names = "--seasonality", paramLabel = "S", description = "yearly (Fourier terms) or none (default).")
    String seasonality;

    @Option(names = "--harmonics", paramLabel = "K", description = "Fourier harmonics of yearly seasonality (default 2).")
    Integer harmonics;

    @Option(names = "--trend", description = "Fit a linear trend.")
    Boolean trend;

    @Option(names = "--holdout-weeks", paramLabel = "W", description = "Final weeks held out for the out-of-sample fit (default 10% of the weeks).")
    Integer holdoutWeeks;

    @Option(names = "--candidates", paramLabel = "N", description = "Hyperparameter candidates searched (default 2000).")
    Integer candidates;

    @Option(names = "--bootstrap", paramLabel = "B", description = "Bootstrap replicates for intervals, 0 for none (default 200).")
    Integer bootstrap;

    @Option(names = "--ridge", paramLabel = "L", description = "Ridge penalty on the standardised scale (default 0.001).")
    Double ridge;

    @Option(names = "--allocate", description = "Split a weekly budget across the paid channels to maximise the fitted response.")
    Boolean allocate;

    @Option(names = "--budget", paramLabel = "B", description = "Weekly budget to allocate (default: the current mean weekly spend).")
    Double budget;

    @Option(names = "--bounds", paramLabel = "CH=LO:HI,...", split = ",",
            description = "Per-channel bounds as multiples of its current mean weekly spend, e.g. tv=0.5:2 (default 0.5:2).")
    List<String> bounds;

    @Option(names = "--alpha", paramLabel = "A", description = "1 - interval level (default 0.05).")
    Double alpha;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed of the search and the bootstrap (default 42).")
    Long seed;

    @Option(names = "--no-progress", description = "Do not draw the progress bar on stderr.")
    boolean noProgress;

    @Override
    protected MMMSpec buildSpec() {
        MMMSpec.Builder b;
        if (specFile != null) {
            AnalysisSpec s = SpecReader.read(specFile);
            if (!(s instanceof MMMSpec m)) {
                throw new UserInputException("spec " + specFile + " is a " + s.family() + " spec; use 'cerebro "
                        + io.cerebro.core.family.Families.of(s).command() + "'");
            }
            b = m.toBuilder();
        } else {
            if (date == null || outcome == null || channels == null) {
                throw new UserInputException("name the columns: --date COL --outcome COL --channels A,B are required, or --spec FILE");
            }
            b = MMMSpec.builder(date, outcome, channels);
        }
        if (date != null) b.date(date);
        if (outcome != null) b.outcome(outcome);
        if (channels != null) b.channels(trimmed(channels));
        if (organic != null) b.organic(trimmed(organic));
        if (controls != null) b.controls(trimmed(controls));
        if (adstock != null) b.adstock(MMMSpec.Adstock.parse(adstock));
        if (lMax != null) b.lMax(lMax);
        if (saturation != null) b.saturation(choice(MMMSpec.Saturation.class, "--saturation", saturation, "logistic or hill"));
        if (seasonality != null) b.seasonality(choice(MMMSpec.Seasonality.class, "--seasonality", seasonality, "yearly or none"));
        if (harmonics != null) b.harmonics(harmonics);
        if (trend != null) b.trend(trend);
        if (holdoutWeeks != null) b.holdoutWeeks(holdoutWeeks);
        if (candidates != null) b.candidates(candidates);
        if (bootstrap != null) b.bootstrap(bootstrap); else if (specFile == null) b.bootstrap(CliConfig.current().bootstrapDraws());
        if (ridge != null) b.ridge(ridge);
        if (allocate != null) b.allocate(allocate);
        if (budget != null) b.budget(budget);
        if (bounds != null) b.bounds(parseBounds(bounds));
        if (alpha != null) b.alpha(alpha);
        if (seed != null) b.seed(seed);
        return b.build();
    }

    /** Draws the search's and the bootstrap's progress on stderr. */
    @Override
    protected void beforeRun(MMMSpec spec, PrintWriter err) {
        MmmEngine.PROGRESS.set(noProgress ? io.cerebro.core.mmm.fit.ProgressListener.NONE : new ProgressBar(err));
    }

    /**
     * Progress on stderr. On a terminal, a one-line bar redrawn in place with carriage returns (a stage
     * ends with a newline); when stderr goes to a file or a pipe, a plain line at every tenth of a
     * stage instead, so a log holds a few readable lines rather than hundreds of overdrawn ones.
     */
    public static final class ProgressBar implements io.cerebro.core.mmm.fit.ProgressListener {
        private final PrintWriter err;
        private final boolean interactive;
        private String stage;
        private int lastPercent = -1;

        /** A bar drawn in place when the process has a terminal, plain lines otherwise. */
        public ProgressBar(PrintWriter err) {
            this(err, System.console() != null);
        }

        /**
         * @param interactive redraw one line in place (a terminal), or print a line per tenth (a log)
         */
        public ProgressBar(PrintWriter err, boolean interactive) {
            this.err = err;
            this.interactive = interactive;
        }

        @Override
        public synchronized void update(String stage, int done, int total) {
            if (!stage.equals(this.stage)) {
                this.stage = stage;
                lastPercent = -1;
            }
            int percent = (int) (100L * done / total);
            int step = interactive ? percent : percent / 10 * 10;
            if (step <= lastPercent) {
                return;
            }
            lastPercent = step;
            if (!interactive) {
                err.printf(Locale.ROOT, "%-9s %3d%% (%d/%d)%n", stage, percent, done, total);
                err.flush();
                return;
            }
            int width = 30;
            int filled = percent * width / 100;
            err.printf(Locale.ROOT, "\r%-9s [%s%s] %3d%% (%d/%d)", stage, "#".repeat(filled), ".".repeat(width - filled), percent, done, total);
            if (done == total) {
                err.println();
            }
            err.flush();
        }
    }

    static Map<String, List<Double>> parseBounds(List<String> items) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (String item : items) {
            String s = item.trim();
            int eq = s.indexOf('=');
            int colon = s.indexOf(':', Math.max(eq, 0));
            if (eq <= 0 || colon < 0) {
                throw new UserInputException("--bounds item '" + item + "' must be CHANNEL=LOW:HIGH, e.g. tv=0.5:2");
            }
            try {
                out.put(s.substring(0, eq).trim(), List.of(Double.parseDouble(s.substring(eq + 1, colon)), Double.parseDouble(s.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new UserInputException("--bounds item '" + item + "' must be CHANNEL=LOW:HIGH with numbers, e.g. tv=0.5:2");
            }
        }
        return out;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String flag, String value, String known) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(flag + " '" + value + "' is not known; use " + known);
        }
    }

    private static List<String> trimmed(List<String> v) {
        return v.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
