package io.cerebro.core.tune.sampler;

import io.cerebro.core.mmm.fit.HyperparameterSearch;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.space.ParameterSpace;

import java.util.List;
import java.util.Map;

/**
 * A Latin hypercube over the trial budget (the MMM search's design, reused): each parameter's range
 * is cut into as many strata as trials and every stratum is drawn once. Trials past the budget (a
 * resumed study given more trials) come from a second hypercube of the same size, and so on.
 */
public final class LatinHypercubeSampler implements Sampler {
    private final ParameterSpace space;
    private final long seed;
    private final int budget;
    private final java.util.Map<Integer, double[][]> blocks = new java.util.concurrent.ConcurrentHashMap<>();

    public LatinHypercubeSampler(ParameterSpace space, long seed, int budget) {
        this.space = space;
        this.seed = seed;
        this.budget = Math.max(1, budget);
    }

    @Override
    public Map<String, Object> suggest(int number, List<Trial> finished) {
        return space.configuration(point(number));
    }

    /** @return the unit point of trial {@code number}. */
    public double[] point(int number) {
        int block = number / budget;
        double[][] design = blocks.computeIfAbsent(block, b -> HyperparameterSearch.latinHypercube(budget, space.dimension(), seed + 7919L * b));
        return design[number % budget];
    }
}
