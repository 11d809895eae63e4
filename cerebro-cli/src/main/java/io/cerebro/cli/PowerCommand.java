package io.cerebro.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cerebro.core.ab.sequential.GroupSequentialDesign;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.power.PowerCalculator;
import io.cerebro.core.power.PowerResult;
import io.cerebro.core.power.PowerSettings;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.SpendingFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cerebro power}: sample size, power or minimum detectable effect of an A/B test. */
@Command(name = "power", mixinStandardHelpOptions = true,
        description = {"Sample size, power or minimum detectable effect of a two-arm test.",
                "Gives --mde to solve for n; --mde and --n to solve for power; --n alone to solve for the MDE.",
                "Example: cerebro power proportions --baseline 0.1 --mde 0.01",
                "Example: cerebro power means --sd 5 --n 10000"},
        subcommands = {PowerCommand.Proportions.class, PowerCommand.Means.class})
public final class PowerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public void run() {
        cmd.commandLine().usage(cmd.commandLine().getOut());
    }

    /** Options shared by both outcome kinds. */
    abstract static class Common implements Callable<Integer> {
        @Option(names = "--mde", paramLabel = "D", description = "Minimum detectable effect, absolute difference (treatment - control).")
        Double mde;

        @Option(names = "--n", paramLabel = "N", description = "Control-arm sample size; solve for power (with --mde) or the MDE.")
        Double n;

        @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "Significance level (default ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--power", paramLabel = "P", defaultValue = "0.8", description = "Target power (default ${DEFAULT-VALUE}).")
        double power;

        @Option(names = "--ratio", paramLabel = "R", defaultValue = "1",
                description = "Allocation ratio n_treatment / n_control (default ${DEFAULT-VALUE}).")
        double ratio;

        @Option(names = "--alternative", paramLabel = "ALT", converter = AbtestCommand.AlternativeConverter.class,
                description = "two_sided (default), greater or less.")
        Alternative alternative;

        @Option(names = "--looks", paramLabel = "K",
                description = "Plan a group-sequential test with K equally spaced looks: n is inflated for the design.")
        Integer looks;

        @Option(names = "--spending", paramLabel = "F", defaultValue = "obrien_fleming",
                description = "Alpha spending with --looks: obrien_fleming (default) or pocock.")
        SpendingFunction spending;

        @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text (default) or json.")
        String format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec cmd;

        abstract PowerResult sampleSize(PowerSettings s);

        abstract PowerResult power(PowerSettings s);

        abstract PowerResult mde(PowerSettings s);

        abstract String title();

        @Override
        public Integer call() {
            PowerSettings s = new PowerSettings(alpha, power, ratio, alternative);
            PowerResult r;
            if (n == null && mde == null) {
                throw new UserInputException("give --mde to solve for the sample size, --n to solve for the MDE, or both to solve for power");
            }
            if (looks != null && n != null) {
                throw new UserInputException("--looks plans a group-sequential sample size; use it with --mde and without --n");
            }
            if (n == null) {
                r = sampleSize(s);
            } else if (mde == null) {
                r = mde(s);
            } else {
                r = power(s);
            }
            Double inflation = null;
            if (looks != null) {
                if (looks < 1 || looks > 50) {
                    throw new UserInputException("--looks must be between 1 and 50, got " + looks);
                }
                double alphaSide = s.alternative() == Alternative.TWO_SIDED ? alpha / 2 : alpha;
                inflation = GroupSequentialDesign.equallySpaced(spending, alphaSide, looks).inflationFactor(power);
            }
            PrintWriter out = cmd.commandLine().getOut();
            switch (format.toLowerCase(Locale.ROOT)) {
                case "text" -> out.print(text(r, inflation));
                case "json" -> out.println(json(r, inflation));
                default -> throw new UserInputException("--format must be text or json, got " + format);
            }
            out.flush();
            return CliSupport.OK;
        }

        private String text(PowerResult r, Double inflation) {
            StringBuilder b = new StringBuilder();
            String alt = switch (r.alternative()) {
                case TWO_SIDED -> "two-sided";
                case GREATER -> "one-sided (greater)";
                case LESS -> "one-sided (less)";
            };
            b.append(String.format(Locale.ROOT, "Power analysis: %s, %s, alpha %s (%s)%n", title(), alt, num(r.alpha()),
                    r.method()));
            if (r.baseline() != null) {
                row(b, "baseline rate", num(r.baseline()));
                row(b, "treatment rate", num(r.baseline() + r.mde()));
            }
            if (r.sd() != null) {
                row(b, "outcome sd", num(r.sd()));
            }
            row(b, "mde (difference)", (r.mde() > 0 ? "+" : "") + num(r.mde()) + (r.solvedFor().equals("mde") ? "   <- solved" : ""));
            row(b, r.baseline() != null ? "effect size (Cohen's h)" : "effect size (Cohen's d)", num(r.effectSize()));
            row(b, "power", num(r.power()) + (r.solvedFor().equals("power") ? "   <- solved" : ""));
            row(b, "ratio (treatment/control)", num(r.ratio()));
            String solvedN = r.solvedFor().equals("n") ? String.format(Locale.ROOT, "   <- solved (%.2f)", r.nControl()) : "";
            row(b, "n control", r.nControlCeil() + solvedN);
            row(b, "n treatment", Long.toString(r.nTreatmentCeil()));
            row(b, "n total", Long.toString(r.nTotalCeil()));
            if (inflation != null) {
                long c = (long) Math.ceil(r.nControl() * inflation - 1e-9);
                long t = (long) Math.ceil(r.nControl() * r.ratio() * inflation - 1e-9);
                row(b, "group-sequential", looks + " looks, " + spending.name().toLowerCase(Locale.ROOT)
                        + " spending, inflation factor " + String.format(Locale.ROOT, "%.4f", inflation));
                row(b, "max n control", Long.toString(c));
                row(b, "max n treatment", Long.toString(t));
                row(b, "max n total", Long.toString(c + t));
            }
            return b.toString();
        }

        private String json(PowerResult r, Double inflation) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", r.method());
            m.put("solved_for", r.solvedFor());
            m.put("alternative", r.alternative().name().toLowerCase(Locale.ROOT));
            m.put("alpha", r.alpha());
            m.put("power", r.power());
            m.put("ratio", r.ratio());
            if (r.baseline() != null) {
                m.put("baseline", r.baseline());
            }
            if (r.sd() != null) {
                m.put("sd", r.sd());
            }
            m.put("mde", r.mde());
            m.put("effect_size", r.effectSize());
            m.put("n_control", r.nControl());
            m.put("n_treatment", r.nTreatment());
            m.put("n_control_ceil", r.nControlCeil());
            m.put("n_treatment_ceil", r.nTreatmentCeil());
            m.put("n_total_ceil", r.nTotalCeil());
            if (inflation != null) {
                m.put("looks", looks);
                m.put("spending", spending.name().toLowerCase(Locale.ROOT));
                m.put("inflation_factor", inflation);
                m.put("max_n_control", r.nControl() * inflation);
                m.put("max_n_treatment", r.nTreatment() * inflation);
            }
            try {
                return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void row(StringBuilder b, String name, String value) {
            b.append(String.format(Locale.ROOT, "  %-26s %s%n", name, value));
        }

        private static String num(double x) {
            return String.format(Locale.ROOT, "%.6g", x).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
        }
    }

    /** Two proportions (conversion rates), Cohen's h. */
    @Command(name = "proportions", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Two conversion rates (normal approximation with Cohen's h, as statsmodels NormalIndPower).",
                    "Example: cerebro power proportions --baseline 0.1 --mde 0.01 --ratio 1 --alternative two_sided"})
    static final class Proportions extends Common {
        @Option(names = "--baseline", paramLabel = "P", required = true, description = "Control conversion rate, e.g. 0.1.")
        double baseline;

        @Override
        PowerResult sampleSize(PowerSettings s) {
            return PowerCalculator.proportionsSampleSize(baseline, mde, s);
        }

        @Override
        PowerResult power(PowerSettings s) {
            return PowerCalculator.proportionsPower(baseline, mde, n, s);
        }

        @Override
        PowerResult mde(PowerSettings s) {
            return PowerCalculator.proportionsMde(baseline, n, s);
        }

        @Override
        String title() {
            return "two proportions";
        }
    }

    /** Two means, t-test with Cohen's d. */
    @Command(name = "means", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Two means (two-sample t-test with Cohen's d = mde / sd, as statsmodels TTestIndPower).",
                    "Example: cerebro power means --sd 5 --mde 0.5"})
    static final class Means extends Common {
        @Option(names = "--sd", paramLabel = "SD", required = true, description = "Standard deviation of the outcome.")
        double sd;

        @Override
        PowerResult sampleSize(PowerSettings s) {
            return PowerCalculator.meansSampleSize(sd, mde, s);
        }

        @Override
        PowerResult power(PowerSettings s) {
            return PowerCalculator.meansPower(sd, mde, n, s);
        }

        @Override
        PowerResult mde(PowerSettings s) {
            return PowerCalculator.meansMde(sd, n, s);
        }

        @Override
        String title() {
            return "two means (t-test)";
        }
    }
}
