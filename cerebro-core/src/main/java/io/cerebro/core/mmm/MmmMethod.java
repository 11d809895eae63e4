package io.cerebro.core.mmm;

import io.cerebro.core.family.CatalogMethod;
import io.cerebro.core.family.Tolerance;

/**
 * The marketing mix family's method catalogue. Every number comes out of a seeded hyperparameter
 * search and a bootstrap, so a pipeline that redoes them with its own search lands near but not on
 * the engine's optimum: point estimates agree within 5% (or 0.005 absolute), bootstrap bounds
 * within 15% and bootstrap standard errors within 50% (see the constants for why).
 */
public enum MmmMethod implements CatalogMethod {
    CONTRIBUTION_SHARE("mmm.contribution_share", "Contribution share",
            "sum of a channel's weekly contributions divided by the sum of the outcome"),
    ROAS("mmm.roas", "Return on ad spend",
            "sum of a paid channel's weekly contributions divided by the sum of its spend"),
    MARGINAL_ROAS("mmm.marginal_roas", "Marginal return on ad spend",
            "steady-state extra outcome per extra unit of weekly spend at the channel's current mean weekly spend"),
    TRANSFORM("mmm.transform", "Fitted transform parameter",
            "a channel's fitted adstock or saturation parameter, or its regression coefficient"),
    FIT("mmm.fit", "Fit of the model",
            "R-squared, NRMSE and MAPE of the fitted values, in sample and on the held-out final weeks"),
    ALLOCATION("mmm.allocation", "Budget allocation",
            "steady-state weekly response of the recommended split of the budget, and its gain over the current split");

    private final Description description;

    MmmMethod(String id, String label, String estimand) {
        this.description = new Description(id, label, estimand);
    }

    @Override
    public Description description() {
        return description;
    }

    /** Only shares and ROAS are asked of pipelines: the rest depends on the search's exact optimum. */
    @Override
    public boolean reproducedByPipelines() {
        return this == CONTRIBUTION_SHARE || this == ROAS;
    }

    /** Point estimates: another search lands elsewhere in the flat bottom of the same NRMSE valley. */
    static final Tolerance SEARCH = new Tolerance(0.05, 0.005,
            "hyperparameter search: a different optimiser stops at a nearby point of the same NRMSE valley");
    /** Interval bounds: bootstrap quantiles of other replicates, re-searched more cheaply. */
    static final Tolerance BOOTSTRAP_BOUNDS = new Tolerance(0.15, 0.01,
            "bootstrap quantiles: other replicates, and a local re-search per replicate instead of Nelder-Mead");
    /** Standard errors: the spread of 200 replicates is itself uncertain by about 10%, and the re-search differs. */
    static final Tolerance BOOTSTRAP_SE = new Tolerance(0.5, 0.005,
            "bootstrap standard error: replicate noise and a cheaper re-search that understates hyperparameter uncertainty");

    @Override
    public Tolerance tolerance(String field) {
        if (field.equals("interval.level")) {
            return Tolerance.CLOSED_FORM;
        }
        if (field.startsWith("interval.")) {
            return BOOTSTRAP_BOUNDS;
        }
        if (field.equals("standardError")) {
            return BOOTSTRAP_SE;
        }
        return SEARCH;
    }

    @Override
    public String toString() {
        return id();
    }
}
