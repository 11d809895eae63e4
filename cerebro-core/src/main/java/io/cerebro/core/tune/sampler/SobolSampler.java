package io.cerebro.core.tune.sampler;

import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.space.ParameterSpace;

import java.util.List;
import java.util.Map;

/**
 * Sobol points with a random shift modulo 1 drawn from the seed (a Cranley-Patterson rotation), so
 * different seeds give different, equally uniform designs and trial 0 is not a corner of the box.
 * Seed-free points are {@link SobolSequence}'s.
 */
public final class SobolSampler implements Sampler {
    private final ParameterSpace space;
    private final SobolSequence sequence;
    private final double[] shift;

    public SobolSampler(ParameterSpace space, long seed) {
        this.space = space;
        this.sequence = new SobolSequence(space.dimension());
        this.shift = RandomSampler.point(space.dimension(), new java.util.SplittableRandom(seed));
    }

    @Override
    public Map<String, Object> suggest(int number, List<Trial> finished) {
        double[] u = sequence.point(number);
        for (int j = 0; j < u.length; j++) {
            u[j] = (u[j] + shift[j]) % 1.0;
        }
        return space.configuration(u);
    }
}
