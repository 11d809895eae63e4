package io.cerebro.agents.uplift;

import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.spec.UpliftSpec;
import io.cerebro.core.uplift.UpliftFamily;

import java.util.Set;

/** The pipeline side of the uplift family. */
public final class UpliftPipelineFamily implements PipelineFamily<UpliftSpec> {
    /** The one descriptor. */
    public static final UpliftPipelineFamily INSTANCE = new UpliftPipelineFamily();

    private UpliftPipelineFamily() {
    }

    @Override
    public AnalysisFamily<UpliftSpec> analysis() {
        return UpliftFamily.INSTANCE;
    }

    @Override
    public AnalysisAgent agent() {
        return new UpliftAgent();
    }

    @Override
    public SyntheticDataFactory syntheticData() {
        return (spec, original, file, seed) -> UpliftSyntheticData.write((UpliftSpec) spec, original, file, seed);
    }

    @Override
    public String plantedEffect(UpliftSpec spec) {
        return UpliftSyntheticData.describe(spec);
    }

    @Override
    public Set<String> corpusFamilies() {
        return Set.of(UpliftSpec.FAMILY);
    }
}
