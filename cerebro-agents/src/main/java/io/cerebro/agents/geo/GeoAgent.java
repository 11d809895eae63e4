package io.cerebro.agents.geo;

import io.cerebro.agents.AgentContext;
import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.GeoTestSpec;

/**
 * The agent for geo experiments. Until the offline template lands it refuses with one line, so
 * {@code --generate} on a geo spec says so before the engine runs.
 */
public final class GeoAgent implements AnalysisAgent {
    @Override
    public String family() {
        return GeoTestSpec.FAMILY;
    }

    @Override
    public GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context, AnalysisResult reference) {
        throw new UserInputException("geo pipelines cannot be generated yet; drop --generate");
    }
}
