package io.cerebro.agents;

import io.cerebro.agents.validate.PipelineValidator;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The parts of a family that write and check pipelines, beside its core descriptor: the agent (which
 * holds the offline template and the retrieval query), the synthetic-data writer with a planted
 * effect for the validator's second comparison, and the corpus family labels whose worked examples
 * fit. {@link PipelineFamilies} holds one per family.
 *
 * <p>Two hooks say what a pipeline reads: {@link #writeProgramInput} (the file a program gets as
 * {@code args[0]} in the first validation run) and {@link #referenceOnSynthetic} (the engine's answer
 * for the synthetic file of the second run). Their defaults are right for a family that analyses a
 * dataset; a family that reads none ({@link AnalysisFamily#readsData()} false) overrides both, e.g.
 * to hand the program a one-row table of its design and a perturbed design as the synthetic file.
 *
 * @param <S> the family's spec record
 */
public interface PipelineFamily<S extends AnalysisSpec> {
    /** @return the core descriptor: name, spec type, validator, engine, catalogue. */
    AnalysisFamily<S> analysis();

    /** @return the agent that generates, validates and repairs this family's pipelines. */
    AnalysisAgent agent();

    /** @return the writer of the second validation dataset, with a planted effect. */
    SyntheticDataFactory syntheticData();

    /**
     * @return the {@code family} labels of corpus examples this family's agent may retrieve
     * (unlabelled examples are always eligible)
     */
    Set<String> corpusFamilies();

    /**
     * @return the effect planted in the synthetic dataset for this spec, in words with its size (recorded
     * in {@code validation.json} beside the second comparison)
     */
    String plantedEffect(S spec);

    /** The planted effect of a spec of this family given as the general type. */
    default String plantedEffectOf(AnalysisSpec spec) {
        return plantedEffect(analysis().cast(spec));
    }

    /**
     * Writes the file a pipeline receives as {@code args[0]} in the first validation run. The default
     * writes the dataset, already filtered by the spec's {@code where}, as CSV ({@link PipelineValidator#export}).
     *
     * @param data the dataset; null for a family that reads no data
     */
    default void writeProgramInput(S spec, Dataset data, Path file) throws IOException {
        PipelineValidator.export(data, file);
    }

    /**
     * The engine's result on the file {@link #syntheticData()} wrote, which the program's second run
     * must reproduce. The default reads the file as a dataset and runs the engine on the spec without
     * its filter (the synthetic rows were drawn for the filtered data, so the filter is not applied again).
     */
    default AnalysisResult referenceOnSynthetic(S spec, Path file) {
        try (Dataset synthetic = Dataset.read(file)) {
            return Engines.run(spec.withWhere(null), synthetic);
        }
    }

    /** {@link #writeProgramInput} for a spec of this family given as the general type. */
    default void writeProgramInputOf(AnalysisSpec spec, Dataset data, Path file) throws IOException {
        writeProgramInput(analysis().cast(spec), data, file);
    }

    /** {@link #referenceOnSynthetic} for a spec of this family given as the general type. */
    default AnalysisResult referenceOnSyntheticOf(AnalysisSpec spec, Path file) {
        return referenceOnSynthetic(analysis().cast(spec), file);
    }

    /** @return the family's name. */
    default String name() {
        return analysis().name();
    }
}
