package io.cerebro.agents.ab;

import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.ab.AbFamily;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.spec.ABTestSpec;

import java.util.Set;

/** Pipelines for A/B tests: {@link ABTestingAgent} with its templates, {@link AbSyntheticData}. */
public final class AbPipelineFamily implements PipelineFamily<ABTestSpec> {
    /** The one descriptor. */
    public static final AbPipelineFamily INSTANCE = new AbPipelineFamily();

    private AbPipelineFamily() {
    }

    @Override
    public AnalysisFamily<ABTestSpec> analysis() {
        return AbFamily.INSTANCE;
    }

    @Override
    public AnalysisAgent agent() {
        return new ABTestingAgent();
    }

    @Override
    public SyntheticDataFactory syntheticData() {
        return AbSyntheticData::write;
    }

    /** As {@link AbSyntheticData} writes it. */
    @Override
    public String plantedEffect(ABTestSpec spec) {
        String outcome = switch (spec.outcomeType()) {
            case BINARY -> "binary";
            case CONTINUOUS -> "continuous";
            case AUTO -> null;
        };
        String text = "each arm after the control is better by a fixed step: 3 percentage points of conversion "
                + "for a 0/1 outcome, 0.2 outcome standard deviations for a numeric one";
        return outcome == null ? text : text + " (outcome declared " + outcome + ")";
    }

    @Override
    public Set<String> corpusFamilies() {
        return Set.of("ab");
    }
}
