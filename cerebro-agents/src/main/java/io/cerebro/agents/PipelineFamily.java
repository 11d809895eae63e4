package io.cerebro.agents;

import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.spec.AnalysisSpec;

import java.util.Set;

/**
 * The parts of a family that write and check pipelines, beside its core descriptor: the agent (which
 * holds the offline template and the retrieval query), the synthetic-data writer with a planted
 * effect for the validator's second comparison, and the corpus family labels whose worked examples
 * fit. {@link PipelineFamilies} holds one per family.
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

    /** @return the family's name. */
    default String name() {
        return analysis().name();
    }
}
