package io.cerebro.cli;

import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.PowerSpec;
import io.cerebro.core.spec.SpecReader;
import io.cerebro.core.spec.SpendingFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code cerebro power}: sample size, power or minimum detectable effect of an A/B test. The flags
 * (or {@code --spec FILE}) build a {@link PowerSpec}; the result is printed like every analysis
 * command's (text, {@code --format json} in the result schema, markdown, {@code --report}).
 */
@Command(name = "power", mixinStandardHelpOptions = true,
        description = {"Sample size, power or minimum detectable effect of a two-arm test.",
                "Gives --mde to solve for n; --mde and --n to solve for power; --n alone to solve for the MDE.",
                "Example: cerebro power proportions --baseline 0.1 --mde 0.01",
                "Example: cerebro power means --sd 5 --n 10000",
                "Example: cerebro power --spec power.yaml --format json"},
        subcommands = {PowerCommand.Proportions.class, PowerCommand.Means.class})
public final class PowerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Option(names = "--spec", paramLabel = "FILE",
            description = "Run the power calculation a spec file (family: power, YAML or JSON) describes.")
    Path specFile;

    @CommandLine.Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (specFile == null) {
            cmd.commandLine().usage(cmd.commandLine().getOut());
            return CliSupport.OK;
        }
        AnalysisSpec spec = SpecReader.read(specFile);
        if (!(spec instanceof PowerSpec p)) {
            throw new UserInputException("spec " + specFile + " is of family '" + spec.family() + "'; cerebro power runs family: power specs");
        }
        return emit(p, output, cmd.commandLine().getOut());
    }

    /** Runs the engine (no data) and prints the result as the other analysis commands do. */
    static int emit(PowerSpec spec, OutputOptions output, PrintWriter out) {
        output.validate();
        AnalysisResult r = Engines.run(spec, null);
        output.emit(r, out);
        return CliSupport.OK;
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

        @CommandLine.Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec cmd;

        /** @return a builder with the outcome kind and its own parameter (baseline or sd). */
        abstract PowerSpec.Builder start();

        @Override
        public Integer call() {
            if (n == null && mde == null) {
                throw new UserInputException("give --mde to solve for the sample size, --n to solve for the MDE, or both to solve for power");
            }
            if (looks != null && n != null) {
                throw new UserInputException("--looks plans a group-sequential sample size; use it with --mde and without --n");
            }
            PowerSpec spec = start().mde(mde).n(n).alpha(alpha).power(power).ratio(ratio).alternative(alternative)
                    .looks(looks).spending(looks != null ? spending : null).build();
            return emit(spec, output, cmd.commandLine().getOut());
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
        PowerSpec.Builder start() {
            return PowerSpec.builder(PowerSpec.Outcome.PROPORTIONS).baseline(baseline);
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
        PowerSpec.Builder start() {
            return PowerSpec.builder(PowerSpec.Outcome.MEANS).sd(sd);
        }
    }
}
