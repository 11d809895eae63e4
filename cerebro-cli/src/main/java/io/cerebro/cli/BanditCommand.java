package io.cerebro.cli;

import io.cerebro.core.bandit.BanditFamily;
import io.cerebro.core.spec.BanditSpec;
import io.cerebro.core.bandit.ArmsFile;
import io.cerebro.core.error.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cerebro bandit}: recommend the next arm from a pull history, simulate regret of bandit
 * algorithms, or evaluate a target policy off-policy from a logged-bandit CSV.
 */
@Command(name = "bandit", mixinStandardHelpOptions = true,
        description = {"Multi-armed bandits: next-arm recommendations, regret simulations and off-policy evaluation.",
                "Example: cerebro bandit recommend pulls.csv --arm arm --reward reward --algorithm thompson",
                "Example: cerebro bandit simulate --arms 0.040,0.045,0.050 --horizon 10000 --runs 100",
                "Example: cerebro bandit evaluate log.csv --action arm --reward clicked --propensity p --target-arm B"},
        subcommands = {BanditCommand.Recommend.class, BanditCommand.Simulate.class, BanditCommand.Evaluate.class})
public final class BanditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public void run() {
        cmd.commandLine().usage(cmd.commandLine().getOut());
    }

    static List<Double> numbers(String text, String flag) {
        try {
            return Arrays.stream(text.split(",")).map(String::trim).map(Double::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new UserInputException(flag + " takes comma-separated numbers, e.g. 0.04,0.05; got '" + text + "'");
        }
    }

    static List<String> names(String text) {
        return text == null ? null : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The next arm to pull from a pull history, with each arm's UCB index, P(best) or choice probability.",
                    "Example: cerebro bandit recommend pulls.csv --arm arm --reward reward --algorithm ucb1"})
    static final class Recommend extends AnalysisCommand<BanditSpec> {
        @Option(names = "--arm", required = true, paramLabel = "COL", description = "Column naming the arm pulled.")
        String arm;

        @Option(names = "--reward", paramLabel = "COL", description = "Reward column (one row per pull).")
        String reward;

        @Option(names = "--count", paramLabel = "COL", description = "Pulls per arm (per-arm aggregates, with --successes).")
        String count;

        @Option(names = "--successes", paramLabel = "COL", description = "Successes per arm (with --count).")
        String successes;

        @Option(names = "--algorithm", paramLabel = "A", defaultValue = "thompson",
                description = "ucb1, ucb_v, kl_ucb, thompson (default), epsilon_greedy or softmax.")
        String algorithm;

        @Option(names = "--prior", paramLabel = "A,B", defaultValue = "1,1", description = "Beta prior of Thompson sampling (default ${DEFAULT-VALUE}).")
        String prior;

        @Option(names = "--epsilon", paramLabel = "E", description = "ε of ε-greedy or the softmax temperature (default 0.1).")
        Double epsilon;

        @Option(names = "--discount", paramLabel = "G", description = "Non-stationary arms: every earlier pull weighs G in (0, 1] less at each later pull (rows in time order).")
        Double discount;

        @Option(names = "--window", paramLabel = "W", description = "Non-stationary arms: only the last W pulls count (rows in time order).")
        Integer window;

        @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 42).")
        Long seed;

        @Override
        protected BanditSpec buildSpec() {
            return BanditSpec.builder(BanditSpec.Mode.RECOMMEND).arm(arm).reward(reward).count(count).successes(successes)
                    .algorithm(algorithm).prior(numbers(prior, "--prior")).epsilon(epsilon).discount(discount).window(window)
                    .seed(seed).build();
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Off-policy value of a target policy from logged bandit feedback: IPS, SNIPS and doubly robust.",
                    "Example: cerebro bandit evaluate log.csv --action arm --reward clicked --propensity p --context score --target-arm B"})
    static final class Evaluate extends AnalysisCommand<BanditSpec> {
        @Option(names = "--action", required = true, paramLabel = "COL", description = "Column with the logged arm.")
        String action;

        @Option(names = "--reward", required = true, paramLabel = "COL", description = "Reward column.")
        String reward;

        @Option(names = "--propensity", required = true, paramLabel = "COL", description = "Probability the logging policy gave the logged arm, in (0, 1].")
        String propensity;

        @Option(names = "--context", paramLabel = "COLS", description = "Comma-separated numeric context columns for the DR reward model.")
        String context;

        @Option(names = "--target", paramLabel = "COL", description = "Column with the arm the target policy would choose.")
        String target;

        @Option(names = "--target-arm", paramLabel = "ARM", description = "The one arm the target policy always chooses.")
        String targetArm;

        @Option(names = "--estimators", paramLabel = "LIST", description = "Any of ips,snips,dr (default all).")
        String estimators;

        @Override
        protected BanditSpec buildSpec() {
            return BanditSpec.builder(BanditSpec.Mode.EVALUATE).action(action).reward(reward).propensity(propensity)
                    .context(names(context)).target(target).targetArm(targetArm).estimators(names(estimators)).build();
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Cumulative regret of bandit algorithms on Bernoulli or Gaussian arms, beside the Lai-Robbins lower bound.",
                    "Example: cerebro bandit simulate --arms 0.040,0.045,0.050 --horizon 10000 --runs 100 --algorithms ucb1,thompson"})
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--arms", paramLabel = "P,P,...", description = "Success rates of the Bernoulli arms (or means of Gaussian arms with --sd).")
        String arms;

        @Option(names = "--sd", paramLabel = "S[,S...]", description = "Gaussian arms: one standard deviation for all arms or one per arm.")
        String sd;

        @Option(names = "--arms-file", paramLabel = "CSV", description = "Arms from a CSV: columns arm, mean and, for Gaussian arms, sd.")
        java.nio.file.Path armsFile;

        @Option(names = "--horizon", paramLabel = "T", defaultValue = "10000", description = "Pulls per run (default ${DEFAULT-VALUE}).")
        long horizon;

        @Option(names = "--runs", paramLabel = "R", defaultValue = "100", description = "Runs per algorithm (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--algorithms", paramLabel = "LIST", defaultValue = "ucb1,thompson,epsilon_greedy",
                description = "Algorithms to compare (default ${DEFAULT-VALUE}).")
        String algorithms;

        @Option(names = "--epsilon", paramLabel = "E", description = "ε of ε-greedy (default 0.1).")
        Double epsilon;

        @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 42).")
        Long seed;

        @CommandLine.Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec cmd;

        @Override
        public Integer call() {
            output.validate();
            if ((arms == null) == (armsFile == null)) {
                throw new UserInputException("give the arms as --arms 0.04,0.05 or as --arms-file arms.csv, exactly one of them");
            }
            BanditSpec.Builder b = BanditSpec.builder(BanditSpec.Mode.SIMULATE);
            if (armsFile != null) {
                if (sd != null) throw new UserInputException("an arms file gives the standard deviations in its sd column; drop --sd");
                ArmsFile file = ArmsFile.read(armsFile);
                b.armNames(file.names()).armMeans(file.means()).armSds(file.sds());
            } else {
                b.armMeans(numbers(arms, "--arms")).armSds(sd == null ? null : numbers(sd, "--sd"));
            }
            BanditSpec spec = b.horizon(horizon).runs(runs).algorithms(names(algorithms)).epsilon(epsilon).seed(seed).build();
            // simulate reads no data, so it calls the engine directly rather than Engines.run, which insists on data for a data family
            output.emit(BanditFamily.INSTANCE.engine().run(spec, null), cmd.commandLine().getOut());
            return CliSupport.OK;
        }
    }
}
