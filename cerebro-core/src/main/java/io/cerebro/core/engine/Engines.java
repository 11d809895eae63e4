package io.cerebro.core.engine;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.SpecValidator;

/** Runs the reference engine of a spec's family ({@link io.cerebro.core.family.Families}) and runs it after validating the spec against the data. */
public final class Engines {
    private Engines() {
    }

    /**
     * Validates {@code spec} against {@code data} (all violations at once) and runs its engine.
     *
     * @param data the dataset; null for a family that reads no data
     *             ({@link io.cerebro.core.family.AnalysisFamily#readsData()} false, e.g. {@code power}),
     *             whose engine ignores any dataset given
     * @throws io.cerebro.core.error.UserInputException when the spec does not fit the data
     * @throws IllegalArgumentException when {@code data} is null for a family that reads data
     */
    public static AnalysisResult run(AnalysisSpec spec, Dataset data) {
        if (data == null && io.cerebro.core.family.Families.of(spec).readsData()) {
            throw new IllegalArgumentException("the " + spec.family() + " family analyses a dataset; data must not be null");
        }
        SpecValidator.requireValid(spec, data);
        return io.cerebro.core.family.Families.of(spec).run(spec, data);
    }
}
