package io.cerebro.agents.causal;

import io.cerebro.core.spec.CausalSpec;

import java.util.List;
import java.util.Locale;

/** Tells an LLM exactly what the causal reference engine prints for a spec, so its program can match it. */
final class CausalGuidance {
    private CausalGuidance() {
    }

    static String text(CausalSpec s) {
        StringBuilder b = new StringBuilder();
        String method = s.method() == io.cerebro.core.spec.CausalMethod.RDD ? RddPipelineSection.methodId(s) : s.method().methodId();
        b.append("- family \"causal\"; headline method \"").append(method).append("\".\n");
        if (CausalPipelineWriter.isObservational(s.method())) {
            List<String> z = s.method() == io.cerebro.core.spec.CausalMethod.FRONTDOOR ? List.of() : CausalPipelineWriter.adjustmentSet(s);
            b.append("- Treatment '").append(s.treatment()).append("' is 0/1 (true/false counts as 1/0); outcome '")
                    .append(s.outcome()).append("'; adjustment set {").append(String.join(", ", z))
                    .append("}; design matrix = intercept + numeric confounders as they are + text confounders one-hot encoded"
                            + " against their first level in sort order.\n");
            b.append("- Estimand ").append(s.estimand().name().toLowerCase(Locale.ROOT)).append(", alpha ").append(s.alpha())
                    .append(". Print ONE headline estimate with label \"").append(s.treatment())
                    .append(" = 1 vs 0\" and method \"").append(method).append("\": estimate, standardError, interval "
                            + "(Wald, estimate -/+ z_{1-alpha/2} * standardError, level 1 - alpha), pValue (two-sided normal), "
                            + "statistic {name \"z\", value estimate / standardError}.\n");
            b.append("- arms: \"treated\" then \"control\", each with n, mean and sd (n - 1) of the outcome over the analysed rows.\n");
            b.append("- Rows with a missing value in the used columns ").append(s.dropMissing() ? "are dropped." : "are an error.")
                    .append('\n');
        }
        b.append("- ").append(switch (s.method()) {
            case REGRESSION -> "Continuous outcome: OLS of outcome on [1, treatment, confounders], the treatment coefficient with "
                    + "its HC1 standard error (n / (n - k) sandwich). 0/1 outcome: g-computation with a logistic model "
                    + "(IRLS) on the same design, averaged over the target population, with the M-estimation sandwich SE.";
            case IPW -> "Logistic propensity model by IRLS on [1, confounders]; " + (s.weighting().normalized() ? "Hajek" : "Horvitz-Thompson")
                    + " weights for the " + s.estimand() + "; standard error: the M-estimation sandwich stacking each arm's "
                    + "weighted-mean equation on the logistic score equations (Lunceford-Davidian 2004).";
            case AIPW -> "Doubly robust AIPW: logistic propensity model and per-arm outcome models (OLS, logistic for a 0/1 outcome)"
                    + (s.weighting().folds() >= 2 ? " cross-fitted over " + s.weighting().folds() + " folds" : "")
                    + "; standard error from the empirical variance of the efficient influence function.";
            case PSM -> "1:" + s.matching().k() + " nearest-neighbour matching on the logistic propensity score "
                    + (s.matching().replacement() ? "with replacement, Abadie-Imbens standard error." : "without replacement (greedy).");
            case IV -> "2SLS of '" + s.outcome() + "' on '" + s.treatment() + "' with instruments " + (s.iv() == null ? "?" : s.iv().instruments())
                    + " and controls " + (s.iv() == null ? "[]" : s.iv().controls()) + " (plus the confounders): print estimates labelled '"
                    + s.treatment() + "' with conventional and HC1 standard errors (headline first: " + (s.iv() == null ? "conventional" : s.iv().vce())
                    + "), t with n - k df, then the Anderson-Rubin set as label '" + s.treatment() + " (Anderson-Rubin)' (an interval,"
                    + " or extra excluded_lower/excluded_upper for a union of rays).";
            case DID -> "2x2 difference-in-differences: OLS of '" + s.outcome() + "' on [1, group, post, group x post] with group '"
                    + (s.panel() == null ? "?" : s.panel().treatedGroup()) + "' and post '" + (s.panel() == null ? "?" : s.panel().post())
                    + "'; print estimates labelled \"treated x post\" in this order: cluster-robust (CR1 by the cluster column, default"
                    + " the unit; t with G - 1 df), then HC1 (t with n - 4 df); statistic {name \"t\", value, df}; no arms.";
            case FRONTDOOR -> "Linear front-door through mediator '" + CausalPipelineWriter.mediator(s) + "' (no confounders): a = treatment"
                    + " coefficient of OLS mediator ~ [1, treatment], b = mediator coefficient of OLS outcome ~ [1, mediator, treatment],"
                    + " both with HC1 covariance; estimate a * b, standard error sqrt(a^2 var(b) + b^2 var(a)) (delta method).";
            case RDD -> s.rdd() == null ? "Regression discontinuity: give rdd.running and rdd.cutoff." : "Regression discontinuity in the"
                    + " manner of rdrobust on running variable '" + s.rdd().running() + "' at cutoff " + s.rdd().cutoff() + " (treated from"
                    + " the cutoff up)" + (s.rdd().fuzzy() == null ? "" : ", fuzzy with take-up '" + s.rdd().fuzzy() + "' (ratio of the jumps)")
                    + ": " + s.rdd().kernel() + " kernel, order " + s.rdd().order() + ", " + (s.rdd().bandwidth() == null
                    ? "the mserd bandwidth with regularisation" : "h = b = " + s.rdd().bandwidth()) + ", " + s.rdd().vce() + " residuals;"
                    + " print three estimates with statistic {name \"z\"}: label \"robust\" (the conventional estimate, the robust"
                    + " standard error, the interval and p-value of the bias-corrected estimate with the robust SE, extra"
                    + " bias_corrected), \"conventional\" and \"bias-corrected\" (conventional standard error), all Wald intervals.";
            default -> "See docs/causal.md for the estimator the engine runs for " + method + ".";
        }).append('\n');
        return b.toString();
    }
}
