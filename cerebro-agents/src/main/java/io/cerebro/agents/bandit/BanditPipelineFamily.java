package io.cerebro.agents.bandit;

import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.bandit.BanditFamily;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.spec.BanditSpec;

import java.util.Set;

/** The pipeline side of the bandit family: recommend and evaluate generate validated pipelines. */
public final class BanditPipelineFamily implements PipelineFamily<BanditSpec> {
    /** The one descriptor. */
    public static final BanditPipelineFamily INSTANCE = new BanditPipelineFamily();

    private BanditPipelineFamily() {
    }

    @Override
    public AnalysisFamily<BanditSpec> analysis() {
        return BanditFamily.INSTANCE;
    }

    @Override
    public AnalysisAgent agent() {
        return new BanditAgent();
    }

    @Override
    public SyntheticDataFactory syntheticData() {
        return (spec, original, file, seed) -> BanditSyntheticData.write((BanditSpec) spec, original, file, seed);
    }

    @Override
    public String plantedEffect(BanditSpec spec) {
        return BanditSyntheticData.describe(spec);
    }

    @Override
    public Set<String> corpusFamilies() {
        return Set.of(BanditSpec.FAMILY);
    }
}
