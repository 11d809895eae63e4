package io.cerebro.core.tune.sampler;

import io.cerebro.core.tune.StudySpec;

/** Builds the sampler a study names. */
public final class Samplers {
    private Samplers() {
    }

    /** @return the sampler of {@code spec}. */
    public static Sampler of(StudySpec spec) {
        return switch (spec.sampler()) {
            case "grid" -> new GridSampler(spec.space(), spec.directions());
            case "random" -> new RandomSampler(spec.space(), spec.seed());
            case "lhs" -> new LatinHypercubeSampler(spec.space(), spec.seed(), spec.trials());
            case "sobol" -> new SobolSampler(spec.space(), spec.seed());
            case "gp" -> new GpSampler(spec.space(), spec.directions(), spec.seed(), spec.options());
            default -> new TpeSampler(spec.space(), spec.directions(), spec.seed(), spec.options());
        };
    }
}
