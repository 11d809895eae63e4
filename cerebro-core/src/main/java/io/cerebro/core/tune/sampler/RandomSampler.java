package io.cerebro.core.tune.sampler;

import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.space.ParameterSpace;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Independent uniform draws on the unit cube (log parameters uniform on log scale). */
public final class RandomSampler implements Sampler {
    private final ParameterSpace space;
    private final long seed;

    public RandomSampler(ParameterSpace space, long seed) {
        this.space = space;
        this.seed = seed;
    }

    @Override
    public Map<String, Object> suggest(int number, List<Trial> finished) {
        return space.configuration(point(space.dimension(), Sampler.rng(seed, number)));
    }

    static double[] point(int d, SplittableRandom rng) {
        double[] u = new double[d];
        for (int j = 0; j < d; j++) {
            u[j] = rng.nextDouble();
        }
        return u;
    }
}
