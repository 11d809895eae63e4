package io.cerebro.core.spec;

import io.cerebro.core.error.UserInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Causal estimation methods, with their catalogue ids ({@code causal.psm}, ...). */
public enum CausalMethod implements io.cerebro.core.family.CatalogMethod {
    /** OLS regression adjustment with HC1 errors (g-computation with a logistic model for binary outcomes). */
    REGRESSION("causal.regression", "Regression adjustment", "average effect of the treatment, OLS adjustment for the confounders (HC1)"),
    /** Matching on the estimated propensity score. */
    PSM("causal.psm", "Propensity-score matching", "effect among the matched (ATT/ATC/ATE), Abadie-Imbens standard error"),
    /** Matching on covariates by Mahalanobis distance. */
    MAHALANOBIS("causal.mahalanobis_matching", "Mahalanobis matching", "effect among the matched, Abadie-Imbens standard error"),
    /** Inverse probability weighting. */
    IPW("causal.ipw", "Inverse probability weighting", "weighted difference in means (Hajek or Horvitz-Thompson), sandwich standard error"),
    /** Augmented IPW (doubly robust). */
    AIPW("causal.aipw", "Augmented IPW (doubly robust)", "doubly robust effect, influence-function standard error"),
    /** Front-door adjustment through a mediator. */
    FRONTDOOR("causal.frontdoor", "Front-door adjustment", "effect identified through a mediator"),
    /** Difference-in-differences: 2x2 or two-way fixed effects. */
    DID("causal.did", "Difference-in-differences", "2x2 or two-way fixed effects effect on the treated, clustered standard error"),
    /** Event study: leads and lags around treatment. */
    EVENT_STUDY("causal.event_study", "Event study", "effects by period relative to treatment (leads and lags)"),
    /** Staggered adoption: Callaway-Sant'Anna group-time effects. */
    STAGGERED_DID("causal.staggered_did", "Callaway-Sant'Anna staggered DiD", "group-time effects aggregated to an overall ATT"),
    /** Regression discontinuity, sharp or fuzzy. */
    RDD("causal.rdd", "Regression discontinuity", "jump at the cutoff, local polynomial with robust bias-corrected interval"),
    /** Instrumental variables (2SLS). */
    IV("causal.iv", "Instrumental variables (2SLS)", "local average treatment effect of the endogenous regressor"),
    /** Synthetic control. */
    SYNTH("causal.synth", "Synthetic control", "post-period gap between the treated unit and its synthetic control"),
    /** Ridge-augmented synthetic control (Ben-Michael, Feller and Rothstein 2021), the geo family's implementation. */
    ASYNTH("causal.asynth", "Augmented synthetic control", "post-period gap after a ridge correction of the remaining pre-period imbalance"),
    /** Synthetic difference-in-differences (Arkhangelsky et al. 2021). */
    SDID("causal.sdid", "Synthetic difference-in-differences", "effect on the treated unit with unit weights, time weights and intercepts, placebo standard error"),
    /** Causal mediation: natural direct and indirect effects through a mediator. */
    MEDIATION("causal.mediation", "Causal mediation analysis", "ACME, ADE, total effect and proportion mediated through a mediator, quasi-Bayesian intervals"),
    /** Partial identification: Manski worst-case bounds, alone or with monotone treatment response / selection. */
    BOUNDS("causal.partial_bounds", "Partial identification bounds", "bounds on the average effect of a bounded outcome under "
            + "no assumption, monotone treatment response, monotone treatment selection or both, with Imbens-Manski intervals");

    private final Description description;

    CausalMethod(String methodId, String label, String estimand) {
        this.description = new Description(methodId, label, estimand);
    }

    @Override
    public Description description() {
        return description;
    }

    /** @return the catalogue method id. */
    public String methodId() {
        return id();
    }

    /** Parses a user-facing name such as {@code psm}, {@code staggered-did} or {@code causal.ipw}. */
    public static CausalMethod parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (n.startsWith("causal.")) {
            n = n.substring("causal.".length());
        }
        if (n.equals("mahalanobis_matching")) {
            n = "mahalanobis";
        }
        for (CausalMethod m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(n)) {
                return m;
            }
        }
        throw new UserInputException("unknown causal method '" + name + "'; choose one of: "
                + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
