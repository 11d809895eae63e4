package io.cerebro.agents.improve;

import io.cerebro.core.bandit.ArmStatistics;
import io.cerebro.core.bandit.policy.BetaThompson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses a generation strategy per family with Thompson sampling over whether the pipeline
 * validated (core's {@link BetaThompson}, a Beta(1, 1) prior per strategy), learning from the
 * experience store's records of earlier runs and from each new outcome.
 *
 * <p>Exploration is bounded: a choice is exploratory when the Thompson draw picks a strategy other than
 * the one with the highest posterior mean. Exploratory choices of a family are allowed while they number
 * at most {@code warmup + maxExploreShare * choices} (counting the explored flags stored with past
 * records); beyond that the selector takes the best posterior mean. Untried strategies count as
 * exploration too, so {@code warmup} should be at least the number of strategies for each to be tried.
 */
public final class StrategySelector {
    private final List<Strategy> strategies;
    private final double maxExploreShare;
    private final int warmup;
    private final long seed;
    private final Map<String, Family> families = new LinkedHashMap<>();

    private final class Family {
        final ArmStatistics stats = ArmStatistics.cumulative(strategies.size());
        final BetaThompson policy;
        int choices;
        int explored;

        Family(String name) {
            policy = new BetaThompson(stats, 1, 1, new SplittableRandom(seed ^ name.hashCode()));
        }
    }

    /** A choice and whether it was exploratory. */
    public record Choice(Strategy strategy, boolean explored) {
    }

    /**
     * @param strategies      the arms (at least one, distinct labels)
     * @param history         records of earlier runs; those of other strategies are ignored
     * @param maxExploreShare the largest share of a family's choices that may be exploratory, 0 to 1
     * @param warmup          exploratory choices allowed on top of the share
     * @param seed            seed of the Thompson draws (with the family's name)
     */
    public StrategySelector(List<Strategy> strategies, List<Experience> history, double maxExploreShare, int warmup, long seed) {
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("the strategy selector needs at least one strategy");
        }
        if (strategies.stream().map(Strategy::label).distinct().count() != strategies.size()) {
            throw new IllegalArgumentException("strategies repeat: " + strategies);
        }
        if (!(maxExploreShare >= 0 && maxExploreShare <= 1) || warmup < 0) {
            throw new IllegalArgumentException("exploration share must be 0 to 1 and warm-up at least 0");
        }
        this.strategies = List.copyOf(strategies);
        this.maxExploreShare = maxExploreShare;
        this.warmup = warmup;
        this.seed = seed;
        for (Experience e : history) {
            int arm = index(e.strategy());
            if (arm >= 0) {
                Family f = family(e.family());
                f.policy.update(arm, null, e.validated() ? 1 : 0);
                f.choices++;
                f.explored += e.explored() ? 1 : 0;
            }
        }
    }

    private int index(String label) {
        for (int i = 0; i < strategies.size(); i++) {
            if (strategies.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    private Family family(String name) {
        return families.computeIfAbsent(name, Family::new);
    }

    /** @return the strategy for the next case of {@code family}. */
    public synchronized Choice choose(String family) {
        Family f = family(family);
        int drawn = f.policy.select(null);
        int best = best(f);
        boolean explore = drawn != best;
        int chosen = drawn;
        if (explore && f.explored + 1 > warmup + maxExploreShare * (f.choices + 1)) {
            chosen = best;
            explore = false;
        }
        f.choices++;
        f.explored += explore ? 1 : 0;
        return new Choice(strategies.get(chosen), explore);
    }

    /** Learns the outcome of a case generated with {@code strategy}. */
    public synchronized void record(String family, Strategy strategy, boolean validated) {
        int arm = index(strategy.label());
        if (arm < 0) {
            throw new IllegalArgumentException("strategy " + strategy.label() + " is not one of the selector's");
        }
        family(family).policy.update(arm, null, validated ? 1 : 0);
    }

    private int best(Family f) {
        int best = 0;
        double bestMean = -1;
        for (int a = 0; a < strategies.size(); a++) {
            double m = posteriorMean(f, a);
            if (m > bestMean) {
                bestMean = m;
                best = a;
            }
        }
        return best;
    }

    private static double posteriorMean(Family f, int arm) {
        double a = f.policy.posteriorAlpha(arm);
        return a / (a + f.policy.posteriorBeta(arm));
    }

    /**
     * One strategy's standing in a family.
     *
     * @param strategy      the strategy
     * @param trials        outcomes learnt
     * @param validated     of which validated
     * @param posteriorMean (validated + 1) / (trials + 2)
     */
    public record Standing(Strategy strategy, int trials, int validated, double posteriorMean) {
    }

    /** @return every strategy's standing in {@code family}, best posterior mean first. */
    public synchronized List<Standing> standings(String family) {
        Family f = family(family);
        List<Standing> out = new ArrayList<>();
        for (int a = 0; a < strategies.size(); a++) {
            out.add(new Standing(strategies.get(a), (int) f.stats.count(a), (int) f.stats.sum(a), posteriorMean(f, a)));
        }
        out.sort((x, y) -> Double.compare(y.posteriorMean(), x.posteriorMean()));
        return out;
    }

    /** @return the strategy with the highest posterior mean in {@code family}. */
    public synchronized Strategy best(String family) {
        return strategies.get(best(family(family)));
    }

    /** @return exploratory choices made in {@code family} so far (stored ones included). */
    public synchronized int explored(String family) {
        return family(family).explored;
    }

    /** @return choices made in {@code family} so far (stored ones included). */
    public synchronized int choices(String family) {
        return family(family).choices;
    }
}
