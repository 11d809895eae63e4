package io.cerebro.core.spec;

/** Which average effect to estimate. */
public enum Estimand {
    /** average treatment effect over everyone */
    ATE,
    /** average treatment effect on the treated */
    ATT,
    /** average treatment effect on the controls (untreated) */
    ATC
}
