package io.cerebro.core.causal.insight;

import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Insight;
import io.cerebro.core.result.Insight.Strength;
import io.cerebro.core.result.Interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.cerebro.core.causal.insight.Insights.num;
import static io.cerebro.core.causal.insight.Insights.pValue;
import static io.cerebro.core.causal.insight.Insights.pct;
import static io.cerebro.core.causal.insight.Insights.signed;
import static io.cerebro.core.causal.insight.Insights.signedPct;

/**
 * Insights of a two-arm A/B result ({@code cerebro abtest --insights}): the effect of each variant with
 * its interval in the outcome's units and relative to control, preferring the covariate-adjusted
 * (CUPED) comparison when there is one; what the adjustment bought in precision; and, for an A/B test
 * with attrition, what the Lee bounds allow. Every sentence is assembled from the result's numbers.
 */
public final class AbInsights {
    private AbInsights() {
    }

    /** @return the insights of an A/B result, most important first. */
    public static List<Insight> of(AnalysisResult r) {
        List<Insight> out = new ArrayList<>();
        String control = String.valueOf(r.details().get("control"));
        Double controlMean = r.arms().stream().filter(a -> a.arm().equals(control)).map(ArmSummary::mean).findFirst().orElse(null);
        String outcome = r.provenance() != null && r.provenance().spec().hasNonNull("outcome")
                ? r.provenance().spec().get("outcome").asText() : "the outcome";
        String covariate = r.provenance() != null && r.provenance().spec().hasNonNull("covariate")
                ? r.provenance().spec().get("covariate").asText() : null;
        double alpha = r.provenance() != null && r.provenance().spec().hasNonNull("alpha") ? r.provenance().spec().get("alpha").asDouble() : 0.05;
        for (Estimate e : r.estimates()) {
            boolean cuped = e.method().equals("ab.cuped");
            if (cuped || (covariate == null && e.method().equals(r.method()))) {
                out.add(effect(e, outcome, controlMean, cuped ? covariate : null, alpha));
            }
        }
        for (Estimate e : r.estimates()) {
            if (e.method().equals("ab.cuped")) {
                Estimate raw = r.find(e.label(), r.method());
                out.add(adjustment(e, raw, covariate));
            }
        }
        for (Estimate e : r.estimates()) {
            if (e.method().equals("ab.lee_bounds")) {
                out.add(attrition(e, outcome));
            }
        }
        return out;
    }

    static Insight effect(Estimate e, String outcome, Double controlMean, String covariate, double alpha) {
        Map<String, Double> nums = new LinkedHashMap<>();
        String[] arms = e.label().split(" vs ", 2);
        StringBuilder s = new StringBuilder();
        if (covariate != null) {
            s.append("Adjusted for ").append(covariate).append(" (CUPED), ");
        }
        String variant = arms[0];
        // a numeric arm label reads as "arm 1", a word as itself
        String name = variant.matches("-?[0-9.]+") ? "arm " + variant : variant;
        s.append(covariate != null ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1))
                .append(" changes ").append(outcome).append(" by ").append(signed(e.estimate()));
        nums.put("estimate", e.estimate());
        Interval iv = e.interval();
        if (iv != null) {
            nums.put("lower", iv.lower());
            nums.put("upper", iv.upper());
            s.append(" (").append(pct(iv.level())).append(" interval ").append(signed(iv.lower())).append(" to ").append(signed(iv.upper()))
                    .append(')');
        }
        if (controlMean != null && controlMean != 0) {
            nums.put("control_mean", controlMean);
            nums.put("relative_change", e.estimate() / controlMean);
            s.append(", ").append(signedPct(e.estimate() / controlMean)).append(" against ").append(arms.length > 1 ? arms[1] : "control")
                    .append("'s ").append(num(controlMean));
            if (iv != null) {
                s.append(" (").append(signedPct(iv.lower() / controlMean)).append(" to ").append(signedPct(iv.upper() / controlMean)).append(')');
            }
        }
        Strength st;
        boolean clear = iv != null && (iv.lower() > 0 || iv.upper() < 0);
        if (e.pValue() != null) {
            nums.put("p_value", e.pValue());
        }
        if (clear) {
            s.append(". The data point to ").append(e.estimate() < 0 ? "a decrease" : "an increase");
            if (e.pValue() != null) {
                s.append(" (p ").append(pValue(e.pValue())).append(')');
            }
            s.append('.');
            st = e.pValue() != null && e.pValue() < alpha / 10 ? Strength.STRONG : Strength.MODERATE;
        } else {
            s.append(". The interval includes zero");
            if (e.pValue() != null) {
                s.append(" (p ").append(pValue(e.pValue())).append(')');
            }
            s.append(": the test cannot tell this variant from control.");
            st = Strength.WEAK;
        }
        return new Insight("effect", s.toString(), nums, "randomised assignment: the arms differ only by the variant", st);
    }

    static Insight adjustment(Estimate cuped, Estimate raw, String covariate) {
        Map<String, Double> nums = new LinkedHashMap<>();
        Double vr = cuped.extra("variance_reduction");
        double reduction = vr == null ? Double.NaN : vr;
        nums.put("variance_reduction", reduction);
        StringBuilder s = new StringBuilder("Adjusting for ").append(covariate).append(" removed ").append(pct(reduction))
                .append(" of the outcome's variance");
        if (raw != null && raw.standardError() != null && cuped.standardError() != null) {
            nums.put("standard_error_unadjusted", raw.standardError());
            nums.put("standard_error_adjusted", cuped.standardError());
            nums.put("estimate_unadjusted", raw.estimate());
            s.append(": the standard error went from ").append(num(raw.standardError())).append(" to ").append(num(cuped.standardError()))
                    .append(" and the estimate from ").append(signed(raw.estimate())).append(" to ").append(signed(cuped.estimate()));
        }
        double extraUsers = reduction / (1 - reduction);
        nums.put("equivalent_extra_sample", extraUsers);
        s.append("; that precision would otherwise have needed ").append(pct(extraUsers)).append(" more units.");
        Strength st;
        if (reduction >= 0.3) {
            s.append(" The covariate is a strong predictor of the outcome.");
            st = Strength.STRONG;
        } else if (reduction >= 0.1) {
            st = Strength.MODERATE;
        } else {
            s.append(" The covariate predicts the outcome poorly; a covariate more correlated with the outcome would shrink the interval more.");
            st = Strength.WEAK;
        }
        return new Insight("variance_reduction", s.toString(), nums,
                "the covariate is measured before assignment, so adjusting for it cannot bias the comparison", st);
    }

    static Insight attrition(Estimate lee, String outcome) {
        Map<String, Double> nums = new LinkedHashMap<>();
        double lo = lee.interval().lower();
        double hi = lee.interval().upper();
        nums.put("lower", lo);
        nums.put("upper", hi);
        nums.put("trim_share", lee.extra("trim_share"));
        String s = "Outcomes are missing for " + pct(1 - lee.extra("observed_share_treated")) + " of the variant and "
                + pct(1 - lee.extra("observed_share_control")) + " of control; among units that would be observed in either arm the effect on "
                + outcome + " lies in [" + signed(lo) + ", " + signed(hi) + "] (Lee bounds), "
                + (lo > 0 || hi < 0 ? "so its sign survives the attrition." : "so the attrition alone could explain an effect of either sign.");
        return new Insight("attrition", s, nums, "monotone selection: the variant only ever keeps units observed (or only ever loses them)",
                lo > 0 || hi < 0 ? Strength.MODERATE : Strength.WEAK);
    }
}
