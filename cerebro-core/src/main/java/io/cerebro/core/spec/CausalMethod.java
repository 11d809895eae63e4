package io.cerebro.core.spec;

import io.cerebro.core.error.UserInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Causal estimation methods, with their catalogue ids ({@code causal.psm}, ...). */
public enum CausalMethod {
    /** OLS regression adjustment with HC1 errors (g-computation with a logistic model for binary outcomes). */
    REGRESSION("causal.regression"),
    /** Matching on the estimated propensity score. */
    PSM("causal.psm"),
    /** Matching on covariates by Mahalanobis distance. */
    MAHALANOBIS("causal.mahalanobis_matching"),
    /** Inverse probability weighting. */
    IPW("causal.ipw"),
    /** Augmented IPW (doubly robust). */
    AIPW("causal.aipw"),
    /** Front-door adjustment through a mediator. */
    FRONTDOOR("causal.frontdoor"),
    /** Difference-in-differences: 2x2 or two-way fixed effects. */
    DID("causal.did"),
    /** Event study: leads and lags around treatment. */
    EVENT_STUDY("causal.event_study"),
    /** Staggered adoption: Callaway-Sant'Anna group-time effects. */
    STAGGERED_DID("causal.staggered_did"),
    /** Regression discontinuity, sharp or fuzzy. */
    RDD("causal.rdd"),
    /** Instrumental variables (2SLS). */
    IV("causal.iv"),
    /** Synthetic control. */
    SYNTH("causal.synth");

    private final String methodId;

    CausalMethod(String methodId) {
        this.methodId = methodId;
    }

    /** @return the catalogue method id. */
    public String methodId() {
        return methodId;
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
