package io.cerebro.agents.mmm;

import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.mmm.MmmFamily;
import io.cerebro.core.spec.MMMSpec;

import java.util.Set;

/** The pipeline side of the marketing mix family. */
public final class MmmPipelineFamily implements PipelineFamily<MMMSpec> {
    /** The one descriptor. */
    public static final MmmPipelineFamily INSTANCE = new MmmPipelineFamily();

    private MmmPipelineFamily() {
    }

    @Override
    public AnalysisFamily<MMMSpec> analysis() {
        return MmmFamily.INSTANCE;
    }

    @Override
    public AnalysisAgent agent() {
        return new MmmAgent();
    }

    @Override
    public SyntheticDataFactory syntheticData() {
        return (spec, original, file, seed) -> MmmSyntheticData.write((MMMSpec) spec, original, file, seed);
    }

    @Override
    public String plantedEffect(MMMSpec spec) {
        return MmmSyntheticData.describe(spec);
    }

    @Override
    public Set<String> corpusFamilies() {
        return Set.of(MMMSpec.FAMILY);
    }
}
