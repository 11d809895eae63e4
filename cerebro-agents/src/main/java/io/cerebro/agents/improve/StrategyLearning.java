package io.cerebro.agents.improve;

import io.cerebro.agents.bench.BenchSpec;
import io.cerebro.agents.bench.CaseResult;
import io.cerebro.agents.bench.GenerationBench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Runs benchmark cases with strategies chosen by a {@link StrategySelector}, one after another so the
 * run is reproducible: each outcome is learnt at once and appended to the experience store, so the
 * next run (or a run killed half-way) starts from everything learnt so far.
 */
public final class StrategyLearning {
    private StrategyLearning() {
    }

    /**
     * One case's turn.
     *
     * @param result the case's outcome
     * @param choice the strategy chosen and whether it was exploration
     */
    public record Turn(CaseResult result, StrategySelector.Choice choice) {
    }

    /**
     * @param bench         the bench to run cases on
     * @param cases         the cases of one round
     * @param rounds        rounds over the cases
     * @param selector      chooses the strategies
     * @param store         where outcomes are appended (null: not stored)
     * @param promptVersion the prompt version of each family in force (recorded with each outcome)
     * @return every turn in order
     */
    public static List<Turn> run(GenerationBench bench, List<BenchSpec> cases, int rounds, StrategySelector selector,
                                 ExperienceStore store, ToIntFunction<String> promptVersion) {
        List<Turn> turns = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (BenchSpec c : cases) {
                StrategySelector.Choice choice = selector.choose(c.family());
                CaseResult result = bench.runCase(c, choice.strategy());
                selector.record(c.family(), choice.strategy(), result.validated());
                if (store != null) {
                    store.append(new Experience(Instant.now().toString(), c.family(), c.id(), choice.strategy().label(),
                            promptVersion.applyAsInt(c.family()), result.validated(), result.attempts(),
                            result.verdicts().stream().map(Enum::name).toList(), result.tokens(), result.millis(), choice.explored()));
                }
                turns.add(new Turn(result, choice));
            }
        }
        return turns;
    }
}
