package io.cerebro.core.tune.sampler;

import io.cerebro.core.tune.journal.Trial;

import java.util.List;
import java.util.Map;

/** Proposes the next configuration of a study. */
public interface Sampler {
    /**
     * @param number   the trial's number
     * @param finished the study's finished trials so far (any state), in trial-number order
     * @return the configuration to run
     */
    Map<String, Object> suggest(int number, List<Trial> finished);

    /** @return the generator of trial {@code number}'s draws: a pure function of the seed and the number. */
    static java.util.SplittableRandom rng(long seed, int number) {
        long z = seed * 0x9E3779B97F4A7C15L + number * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        return new java.util.SplittableRandom(z);
    }
}
