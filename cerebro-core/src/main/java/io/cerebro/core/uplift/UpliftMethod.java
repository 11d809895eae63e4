package io.cerebro.core.uplift;

import io.cerebro.core.family.CatalogMethod;
import io.cerebro.core.family.Tolerance;

/**
 * The uplift family's method catalogue. Pipelines reproduce the AIPW ATE only: every other number
 * depends on the exact trees, folds and subsamples of the engine.
 */
public enum UpliftMethod implements CatalogMethod {
    ATE("uplift.ate", "Average treatment effect (AIPW)",
            "mean over rows of the doubly robust score mu1 - mu0 + W(Y - mu1)/e - (1 - W)(Y - mu0)/(1 - e), cross-fitted nuisances"),
    ATT("uplift.att", "Average effect on the treated (AIPW)",
            "mean effect among the treated rows, from the control-arm outcome model and the propensity"),
    S_LEARNER("uplift.s_learner", "S-learner", "f(x, 1) - f(x, 0) of one outcome model on features and treatment"),
    T_LEARNER("uplift.t_learner", "T-learner", "mu1(x) - mu0(x), one outcome model per arm"),
    X_LEARNER("uplift.x_learner", "X-learner", "propensity-weighted mix of effect models fitted on imputed effects per arm"),
    R_LEARNER("uplift.r_learner", "R-learner", "minimiser of the R-loss sum (W - e)^2 ((Y - m)/(W - e) - tau(x))^2"),
    DR_LEARNER("uplift.dr_learner", "DR-learner", "regression of the doubly robust score on the features"),
    CAUSAL_FOREST("uplift.causal_forest", "Causal forest", "honest generalised random forest solving the residual-on-residual moment locally"),
    CALIBRATION("uplift.calibration", "Calibration test",
            "best linear predictor coefficients of the mean and the differential effect prediction (1 when calibrated)"),
    IMPORTANCE("uplift.importance", "Feature importance", "share of the heterogeneity a feature drives"),
    QINI("uplift.qini", "Qini coefficient", "area between the Qini curve and random targeting, per row"),
    AUUC("uplift.auuc", "Area under the uplift curve", "area under the cumulative-gain curve, per row"),
    UPLIFT_BIN("uplift.uplift_by_bin", "Uplift by score bin", "difference in mean outcome between arms within a score bin"),
    POLICY_VALUE("uplift.policy_value", "Policy value", "mean outcome per row when the top k% by score are treated (IPW)");

    private final Description description;

    UpliftMethod(String id, String label, String estimand) {
        this.description = new Description(id, label, estimand);
    }

    @Override
    public Description description() {
        return description;
    }

    /** @return the learner's method ({@code t} gives {@link #T_LEARNER}). */
    public static UpliftMethod ofLearner(String learner) {
        return switch (learner) {
            case "s" -> S_LEARNER;
            case "t" -> T_LEARNER;
            case "x" -> X_LEARNER;
            case "r" -> R_LEARNER;
            case "dr" -> DR_LEARNER;
            default -> CAUSAL_FOREST;
        };
    }

    @Override
    public boolean reproducedByPipelines() {
        return this == ATE;
    }

    /**
     * A pipeline refits the nuisance models with its own code: with linear nuisances the ATE agrees
     * to rounding; with boosted trees a different implementation moves the AIPW ATE by a fraction of
     * its standard error, so points are held to 10% or 0.1 standard errors' worth of absolute error.
     */
    static final Tolerance REFIT = new Tolerance(0.10, 0.05,
            "nuisance models refitted by other code: AIPW moves by a fraction of its standard error");

    @Override
    public Tolerance tolerance(String field) {
        if (field.equals("interval.level")) {
            return Tolerance.CLOSED_FORM;
        }
        return REFIT;
    }

    @Override
    public String toString() {
        return id();
    }
}
