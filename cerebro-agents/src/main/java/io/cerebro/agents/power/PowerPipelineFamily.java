package io.cerebro.agents.power;

import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.power.PowerFamily;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.PowerSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Pipelines for power calculations: {@link PowerAgent} with its template. The program reads the
 * design table ({@link PowerDesignTable}) instead of data; the synthetic file of the second
 * comparison is a perturbed design ({@link PowerSyntheticDesign}) and the engine answers the spec
 * read back from it.
 */
public final class PowerPipelineFamily implements PipelineFamily<PowerSpec> {
    /** The one descriptor. */
    public static final PowerPipelineFamily INSTANCE = new PowerPipelineFamily();

    private PowerPipelineFamily() {
    }

    @Override
    public AnalysisFamily<PowerSpec> analysis() {
        return PowerFamily.INSTANCE;
    }

    @Override
    public AnalysisAgent agent() {
        return new PowerAgent();
    }

    /** Writes a perturbed design table; the dataset argument is ignored (there is none). */
    @Override
    public SyntheticDataFactory syntheticData() {
        return (spec, original, file, seed) -> PowerSyntheticDesign.write((PowerSpec) spec, file, seed);
    }

    @Override
    public String plantedEffect(PowerSpec spec) {
        return PowerSyntheticDesign.DESCRIPTION;
    }

    @Override
    public Set<String> corpusFamilies() {
        return Set.of(PowerSpec.FAMILY);
    }

    /** The program reads the spec's design table; there is no dataset to export. */
    @Override
    public void writeProgramInput(PowerSpec spec, Dataset data, Path file) throws IOException {
        PowerDesignTable.write(spec, file);
    }

    /** The engine on the design the synthetic table describes. */
    @Override
    public AnalysisResult referenceOnSynthetic(PowerSpec spec, Path file) {
        try {
            return Engines.run(PowerDesignTable.read(file, spec), null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the synthetic design table " + file, e);
        }
    }
}
