package io.cerebro.cli.agents;

import io.cerebro.agents.improve.Experience;
import io.cerebro.agents.improve.ExperienceStore;
import io.cerebro.agents.improve.Strategy;
import io.cerebro.agents.improve.StrategySelector;
import io.cerebro.cli.CliSupport;
import io.cerebro.core.error.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code cerebro agents strategies}: what the experience store says about each strategy, per family. */
@Command(name = "strategies", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Per family, each strategy's trials, validations and posterior mean from the experience store.",
                "Example: cerebro agents strategies --experience ~/.cache/cerebro/experience.jsonl"})
public final class AgentsStrategiesCommand implements Callable<Integer> {
    @Option(names = "--experience", paramLabel = "FILE", required = true, description = "The experience store (JSON lines).")
    Path experience;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(experience)) {
            throw new UserInputException("experience store " + experience + " not found; 'cerebro agents bench --experience FILE' writes one");
        }
        ExperienceStore.Contents contents = new ExperienceStore(experience).read();
        Set<String> labels = new LinkedHashSet<>();
        Set<String> families = new LinkedHashSet<>();
        for (Experience e : contents.records()) {
            labels.add(e.strategy());
            families.add(e.family());
        }
        List<Strategy> arms = new ArrayList<>();
        for (String l : labels) {
            arms.add(Strategy.parse(l));
        }
        if (arms.isEmpty()) {
            System.out.println("no outcomes recorded in " + experience);
            return CliSupport.OK;
        }
        StrategySelector s = new StrategySelector(arms, contents.records(), 1, 0, 0);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-8s %-40s %7s %9s %10s%n", "family", "strategy", "trials", "validated", "posterior"));
        for (String f : families) {
            for (StrategySelector.Standing st : s.standings(f)) {
                if (st.trials() > 0) {
                    b.append(String.format(Locale.ROOT, "%-8s %-40s %7d %9d %10.3f%n", f, st.strategy().label(), st.trials(), st.validated(),
                            st.posteriorMean()));
                }
            }
        }
        if (contents.skipped() > 0) {
            b.append(contents.skipped()).append(" unreadable line(s) skipped (a writer killed mid-line)\n");
        }
        System.out.print(b);
        return CliSupport.OK;
    }
}
