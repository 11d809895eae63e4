package io.cerebro.core.causal;

import io.cerebro.core.family.CatalogMethod;

/**
 * Catalogue entries of the causal family that are not estimators a user picks with {@code --method}:
 * the fuzzy variant of a discontinuity design, the refuters and the sensitivity analyses. Their
 * estimates appear in results beside the headline; pipelines reproduce them only when printed.
 */
public enum CausalCheck implements CatalogMethod {
    FUZZY_RDD("causal.fuzzy_rdd", "Fuzzy regression discontinuity", "ratio of the jumps in outcome and treatment at the cutoff", true),
    REFUTE("causal.refute", "Refutation", "the effect re-estimated after a placebo, an added random cause, a subset or a bootstrap", false),
    EVALUE("causal.evalue", "E-value", "strength of unmeasured confounding that would explain the effect away", false),
    ROSENBAUM("causal.rosenbaum", "Rosenbaum bounds", "largest hidden bias Gamma at which matched results stay significant", false),
    ROBUSTNESS_VALUE("causal.robustness_value", "Robustness value", "partial R2 of a confounder that would remove the effect", false),
    BOUNDS("causal.bounds", "Manski bounds", "no-assumption bounds on the average effect", false),
    HONEST_DID("causal.honest_did", "Honest DiD (Rambachan-Roth)", "event-study effect robust to bounded violations of parallel trends", false);

    private final Description description;
    private final boolean reproduced;

    CausalCheck(String id, String label, String estimand, boolean reproduced) {
        this.description = new Description(id, label, estimand);
        this.reproduced = reproduced;
    }

    @Override
    public Description description() {
        return description;
    }

    @Override
    public boolean reproducedByPipelines() {
        return reproduced;
    }
}
