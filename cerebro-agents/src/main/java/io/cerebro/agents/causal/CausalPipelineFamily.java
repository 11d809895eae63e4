package io.cerebro.agents.causal;

import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.causal.CausalFamily;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.spec.CausalSpec;

import java.util.Set;

/** Pipelines for causal specs: {@link CausalInferenceAgent} with its templates, {@link CausalSyntheticData}. */
public final class CausalPipelineFamily implements PipelineFamily<CausalSpec> {
    /** The one descriptor. */
    public static final CausalPipelineFamily INSTANCE = new CausalPipelineFamily();

    private CausalPipelineFamily() {
    }

    @Override
    public AnalysisFamily<CausalSpec> analysis() {
        return CausalFamily.INSTANCE;
    }

    @Override
    public AnalysisAgent agent() {
        return new CausalInferenceAgent();
    }

    @Override
    public SyntheticDataFactory syntheticData() {
        return CausalSyntheticData::write;
    }

    /** As {@link CausalSyntheticData} and the design-specific writers plant it. */
    @Override
    public String plantedEffect(CausalSpec spec) {
        return switch (spec.method()) {
            case DID, EVENT_STUDY, STAGGERED_DID -> "a constant effect of " + PanelSyntheticData.EFFECT
                    + " outcome sd on treated unit-periods (0.4 sd for a 2x2 design)";
            case RDD -> "a jump of " + RddSyntheticData.JUMP + " outcome sd at the cutoff (the complier effect for a fuzzy design)";
            case SYNTH -> "an effect of " + SynthSyntheticData.EFFECT + " outcome sd in every post period on a treated unit "
                    + "that is a convex combination of three donors";
            case IV -> "0.4 outcome sd per treatment sd, with an endogenous treatment and a strong instrument";
            case FRONTDOOR -> "an effect carried through the mediator past an unobserved confounder";
            default -> "0.4 outcome sd (continuous outcome) or 0.5 on the log-odds scale (0/1 outcome), "
                    + "with treatment depending on the confounders";
        };
    }

    @Override
    public Set<String> corpusFamilies() {
        return Set.of("causal");
    }
}
