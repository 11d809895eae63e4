package io.cerebro.agents.geo;

import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.geo.GeoFamily;
import io.cerebro.core.spec.GeoTestSpec;

import java.util.Set;

/** The pipeline side of the geo experiment family. */
public final class GeoPipelineFamily implements PipelineFamily<GeoTestSpec> {
    /** The one descriptor. */
    public static final GeoPipelineFamily INSTANCE = new GeoPipelineFamily();

    private GeoPipelineFamily() {
    }

    @Override
    public AnalysisFamily<GeoTestSpec> analysis() {
        return GeoFamily.INSTANCE;
    }

    @Override
    public AnalysisAgent agent() {
        return new GeoAgent();
    }

    @Override
    public SyntheticDataFactory syntheticData() {
        return (spec, original, file, seed) -> GeoSyntheticPanel.write((GeoTestSpec) spec, original, file, seed);
    }

    @Override
    public String plantedEffect(GeoTestSpec spec) {
        return GeoSyntheticPanel.describe(spec);
    }

    @Override
    public Set<String> corpusFamilies() {
        return Set.of(GeoTestSpec.FAMILY);
    }
}
