package io.cerebro.core.causal.insight;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.CausalCheck;
import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Insight;
import io.cerebro.core.result.Insight.Strength;
import io.cerebro.core.result.Interval;
import io.cerebro.core.spec.CausalSpec;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the insights of a causal result. Every sentence is assembled from the result's numbers
 * (the headline with its interval, the refuters' estimates, the E-value and robustness value with
 * the strongest measured confounder as yardstick, the no-assumption bounds), so a different result
 * reads differently; the assumption each rests on is named beside it.
 *
 * <p>Strength: an effect is {@code strong} when its interval excludes zero at a tenth of the
 * significance level, {@code moderate} at the level, {@code weak} otherwise; refutation is strong
 * when every refuter passed; sensitivity is strong when the robustness value exceeds both partial
 * R^2 of the strongest measured confounder, moderate when it exceeds one of them.
 */
public final class Insights {
    /** Most levels of a subgroup column that are compared. */
    public static final int MAX_SUBGROUPS = 12;

    private Insights() {
    }

    /** @return the insights of a causal result, most important first. */
    public static List<Insight> of(AnalysisResult r) {
        List<Insight> out = new ArrayList<>();
        JsonNode spec = r.provenance() == null ? null : r.provenance().spec();
        String outcome = spec != null && spec.hasNonNull("outcome") ? spec.get("outcome").asText() : "the outcome";
        double alpha = spec != null && spec.hasNonNull("alpha") ? spec.get("alpha").asDouble() : 0.05;
        if (r.method().equals(io.cerebro.core.spec.CausalMethod.BOUNDS.methodId())) {
            out.add(bounds(r, outcome));
            return out;
        }
        out.add(effect(r, outcome, alpha));
        Insight mediation = mediation(r);
        if (mediation != null) {
            out.add(mediation);
        }
        Insight trends = parallelTrends(r);
        if (trends != null) {
            out.add(trends);
        }
        Insight refutation = refutation(r, alpha);
        if (refutation != null) {
            out.add(refutation);
        }
        Insight sensitivity = sensitivity(r);
        if (sensitivity != null) {
            out.add(sensitivity);
        }
        out.add(limits(r, outcome));
        return out;
    }

    // ------------------------------------------------------------------ the effect

    static Insight effect(AnalysisResult r, String outcome, double alpha) {
        Map<String, Double> nums = new LinkedHashMap<>();
        double est = r.estimate();
        nums.put("estimate", est);
        StringBuilder s = new StringBuilder();
        s.append("The estimated effect on ").append(outcome).append(" is ").append(signed(est));
        Interval iv = r.interval();
        boolean excludesZero = false;
        if (iv != null && Double.isFinite(iv.lower()) && Double.isFinite(iv.upper())) {
            nums.put("lower", iv.lower());
            nums.put("upper", iv.upper());
            s.append(" (").append(pct(iv.level())).append(" interval ").append(signed(iv.lower())).append(" to ")
                    .append(signed(iv.upper())).append(')');
            excludesZero = iv.lower() > 0 || iv.upper() < 0;
        }
        Object base = r.details().get("baseline_mean");
        if (base instanceof Number b && b.doubleValue() != 0 && Double.isFinite(b.doubleValue())) {
            double rel = est / b.doubleValue();
            nums.put("baseline", b.doubleValue());
            nums.put("relative_change", rel);
            s.append(", ").append(signedPct(rel)).append(" relative to the ").append(num(b.doubleValue()))
                    .append(" expected without treatment");
            if (iv != null && Double.isFinite(iv.lower()) && Double.isFinite(iv.upper())) {
                nums.put("relative_lower", iv.lower() / b.doubleValue());
                nums.put("relative_upper", iv.upper() / b.doubleValue());
                s.append(" (").append(signedPct(iv.lower() / b.doubleValue())).append(" to ")
                        .append(signedPct(iv.upper() / b.doubleValue())).append(')');
            }
        }
        s.append(". ");
        Double p = r.pValue();
        if (p != null) {
            nums.put("p_value", p);
        }
        Strength strength;
        if (iv == null && p == null) {
            s.append("No interval or p-value was computed, so its precision is unknown.");
            strength = Strength.WEAK;
        } else if (excludesZero || (iv == null && p < alpha)) {
            s.append("The data point to ").append(est < 0 ? "a decrease" : "an increase");
            if (p != null) {
                s.append(" (p ").append(pValue(p)).append(')');
            }
            s.append(iv != null ? "; even the end of the interval nearest zero, " + signed(est < 0 ? iv.upper() : iv.lower())
                    + ", is " + (est < 0 ? "a decrease." : "an increase.") : ".");
            strength = p != null && p < alpha / 10 ? Strength.STRONG : Strength.MODERATE;
        } else if (iv == null) {
            s.append("At p ").append(pValue(p)).append(" (above ").append(java.math.BigDecimal.valueOf(alpha).stripTrailingZeros().toPlainString())
                    .append(") the data cannot rule out no effect.");
            strength = Strength.WEAK;
        } else {
            s.append("The interval includes zero");
            if (p != null) {
                s.append(" (p ").append(pValue(p)).append(')');
            }
            s.append(": the data cannot rule out no effect");
            s.append(", nor one as large as ").append(signed(Math.abs(iv.lower()) > Math.abs(iv.upper()) ? iv.lower() : iv.upper()));
            s.append('.');
            strength = Strength.WEAK;
        }
        return new Insight("effect", s.toString(), nums, assumption(r.method()), strength);
    }

    // ------------------------------------------------------------------ partial identification

    /** What the bounds of {@code --method bounds} say, assumption by assumption. */
    static Insight bounds(AnalysisResult r, String outcome) {
        Map<String, Double> nums = new LinkedHashMap<>();
        Estimate head = r.estimates().get(0);
        String chosen = head.label().replace("ATE bounds (", "").replace(")", "");
        double lo = head.interval().lower();
        double hi = head.interval().upper();
        nums.put("lower", lo);
        nums.put("upper", hi);
        Double ciLo = head.extra("ci_lower");
        Double ciHi = head.extra("ci_upper");
        StringBuilder s = new StringBuilder("Under ").append(chosen.equals("manski") ? "no assumption beyond the outcome's range"
                : chosen.toUpperCase(Locale.ROOT)).append(" the average effect on ").append(outcome).append(" lies between ")
                .append(signed(lo)).append(" and ").append(signed(hi));
        if (ciLo != null && ciHi != null) {
            nums.put("ci_lower", ciLo);
            nums.put("ci_upper", ciHi);
            s.append(" (").append(pct(head.extra("ci_level"))).append(" interval ").append(signed(ciLo)).append(" to ")
                    .append(signed(ciHi)).append(')');
        }
        Strength st;
        if (hi < lo) {
            s.append("; the data contradict this assumption, since the upper bound is below the lower one.");
            st = Strength.WEAK;
        } else if (lo > 0 || hi < 0) {
            s.append(": the sign of the effect is ").append(lo > 0 ? "positive" : "negative").append(" whatever else is true.");
            st = ciLo != null && (ciLo > 0 || ciHi < 0) ? Strength.STRONG : Strength.MODERATE;
        } else {
            s.append(", a range that includes zero");
            s.append(lo == 0 ? " only at its end: the assumption rules out harm, the data bound the gain to at most " + signed(hi) + "."
                    : hi == 0 ? " only at its end." : ": these data and assumptions cannot tell the sign of the effect.");
            st = Strength.WEAK;
        }
        Estimate manski = r.find("ATE bounds (manski)", io.cerebro.core.spec.CausalMethod.BOUNDS.methodId());
        if (manski != null && !chosen.equals("manski")) {
            double w0 = manski.interval().upper() - manski.interval().lower();
            nums.put("manski_width", w0);
            s.append(" The assumption narrows the no-assumption range of width ").append(num(w0)).append(" to ")
                    .append(num(Math.max(0, hi - lo))).append(" (").append(pct(Math.max(0, hi - lo) / w0)).append(" of it).");
        }
        return new Insight("bounds", s.toString(), nums, chosen.equals("manski") ? "the outcome stays within the given range"
                : "the monotonicity assumption named, and the outcome stays within the given range", st);
    }

    // ------------------------------------------------------------------ mediation

    /** Names the indirect (ACME) and direct (ADE) effects of a mediation result, with the share mediated and rho. */
    static Insight mediation(AnalysisResult r) {
        if (!r.method().equals("causal.mediation")) {
            return null;
        }
        Estimate acme = r.estimates().stream().filter(e -> e.label().startsWith("ACME")).findFirst().orElse(null);
        Estimate ade = r.estimates().stream().filter(e -> e.label().startsWith("ADE")).findFirst().orElse(null);
        Estimate prop = r.estimates().stream().filter(e -> e.label().equals("proportion mediated")).findFirst().orElse(null);
        if (acme == null || ade == null) {
            return null;
        }
        String mediator = acme.label().replace("ACME (indirect, through ", "").replace(")", "");
        Map<String, Double> nums = new LinkedHashMap<>();
        nums.put("acme", acme.estimate());
        nums.put("ade", ade.estimate());
        boolean acmeClear = excludesZero(acme);
        boolean adeClear = excludesZero(ade);
        StringBuilder s = new StringBuilder("Through ").append(mediator).append(" the treatment moves the outcome by ")
                .append(signed(acme.estimate())).append(interval(acme)).append(" (ACME, the indirect effect); the rest of its effect, ")
                .append(signed(ade.estimate())).append(interval(ade)).append(", goes by other paths (ADE, the direct effect).");
        if (prop != null && prop.estimate() != null && Double.isFinite(prop.estimate())) {
            nums.put("proportion_mediated", prop.estimate());
            s.append(" About ").append(pct(prop.estimate())).append(" of the total effect runs through ").append(mediator).append('.');
        }
        s.append(acmeClear && adeClear ? " Both paths are clearly non-zero."
                : acmeClear ? " Only the indirect path is clearly non-zero: acting on " + mediator + " is where the effect is."
                : adeClear ? " Only the direct path is clearly non-zero: " + mediator + " does not explain the effect."
                : " Neither path is clearly non-zero.");
        Strength st = acmeClear ? Strength.MODERATE : Strength.WEAK;
        if (r.details().get("sensitivity") instanceof Map<?, ?> m && m.get("rho_at_zero_acme") instanceof Number rho) {
            nums.put("rho_at_zero_acme", rho.doubleValue());
            s.append(" A hidden mediator-outcome confounder correlating their errors at rho = ").append(num(rho.doubleValue()))
                    .append(" would remove the indirect effect").append(Math.abs(rho.doubleValue()) < 0.2 ? ", a weak one." : ".");
            if (acmeClear && Math.abs(rho.doubleValue()) >= 0.4) {
                st = Strength.STRONG;
            } else if (Math.abs(rho.doubleValue()) < 0.2) {
                st = Strength.WEAK;
            }
        }
        return new Insight("mediation", s.toString(), nums, assumption("causal.mediation"), st);
    }

    private static boolean excludesZero(Estimate e) {
        return e.interval() != null && (e.interval().lower() > 0 || e.interval().upper() < 0);
    }

    private static String interval(Estimate e) {
        return e.interval() == null ? "" : " [" + signed(e.interval().lower()) + ", " + signed(e.interval().upper()) + "]";
    }

    // ------------------------------------------------------------------ parallel trends (honest DiD)

    /** How large a violation of parallel trends the event study's first post-period effect survives. */
    static Insight parallelTrends(AnalysisResult r) {
        Estimate rm = r.find(CausalCheck.HONEST_DID.id());
        if (rm == null || rm.extra("breakdown_mbar") == null) {
            return null;
        }
        Map<String, Double> nums = new LinkedHashMap<>();
        double mbar = rm.extra("mbar");
        double breakdown = rm.extra("breakdown_mbar");
        nums.put("mbar", mbar);
        nums.put("robust_lower", rm.interval().lower());
        nums.put("robust_upper", rm.interval().upper());
        nums.put("breakdown_mbar", breakdown);
        boolean survives = rm.interval().lower() > 0 || rm.interval().upper() < 0;
        String s = "If after treatment the trend gap between treated and controls changed by up to " + num(mbar)
                + " times the largest change seen before it, the " + rm.label() + " effect would lie in [" + signed(rm.interval().lower())
                + ", " + signed(rm.interval().upper()) + "], " + (survives ? "which excludes zero" : "which includes zero") + "; "
                + (breakdown <= 0 ? "even parallel trends exactly (Mbar = 0) leave it indistinguishable from zero."
                : "it stays significant up to Mbar = " + num(breakdown) + (breakdown >= 1
                ? ", a violation larger than anything in the pre-period." : ", a violation smaller than the pre-period's own."));
        Strength st = breakdown >= 1 ? Strength.STRONG : breakdown > 0.5 ? Strength.MODERATE : Strength.WEAK;
        return new Insight("parallel_trends", s, nums, "post-treatment violations of parallel trends no larger, relative to the"
                + " pre-period's, than Mbar (Rambachan and Roth 2023)", st);
    }

    /** The identifying assumption of each design, in words. */
    static String assumption(String method) {
        return switch (method) {
            case "causal.regression", "causal.psm", "causal.mahalanobis_matching", "causal.ipw", "causal.aipw" ->
                    "no unmeasured confounding: the confounders given explain who was treated (and every unit could have been)";
            case "causal.frontdoor" -> "the mediator carries all of the effect and shares no hidden cause with the treatment";
            case "causal.did", "causal.event_study", "causal.staggered_did" ->
                    "parallel trends: without treatment the treated units would have moved like the controls";
            case "causal.sdid" -> "the weighted donors, shifted by a constant, would have tracked the treated unit over the"
                    + " weighted pre-periods' trend without treatment";
            case "causal.synth", "causal.asynth" -> "without treatment the treated unit would have followed its synthetic"
                    + " control, as it did before the start";
            case "causal.rdd" -> "units just either side of the cutoff are comparable (no sorting, no other jump there)";
            case "causal.iv" -> "the instruments move the treatment and affect the outcome only through it";
            case "causal.mediation" -> "sequential ignorability: no unmeasured confounding of treatment-outcome,"
                    + " treatment-mediator and mediator-outcome";
            default -> "the assumptions of " + method;
        };
    }

    // ------------------------------------------------------------------ refuters

    static Insight refutation(AnalysisResult r, double alpha) {
        List<Estimate> refs = r.estimates().stream().filter(e -> CausalCheck.REFUTE.id().equals(e.method())).toList();
        if (refs.isEmpty()) {
            return null;
        }
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Map<String, Double> nums = new LinkedHashMap<>();
        boolean placeboFailed = false;
        for (Estimate e : refs) {
            String name = e.label().replace("refute: ", "");
            double p = e.pValue() == null ? Double.NaN : e.pValue();
            nums.put(name + "_new_effect", e.estimate());
            nums.put(name + "_p_value", p);
            // a placebo should be unlike the real effect (small p); the other refuters should leave it alone (large p)
            boolean ok = name.equals("placebo") ? p < alpha : p >= alpha;
            String text = name.equals("placebo")
                    ? "placebo treatments average " + signed(e.estimate()) + " (p " + pValue(p) + " for the real effect among them)"
                    : name.replace('_', ' ') + " moves it to " + signed(e.estimate()) + " (p " + pValue(p) + ")";
            (ok ? passed : failed).add(text);
            placeboFailed |= !ok && name.equals("placebo");
        }
        StringBuilder s = new StringBuilder("The effect ");
        if (failed.isEmpty()) {
            s.append("survived all ").append(refs.size()).append(refs.size() == 1 ? " refuter: " : " refuters: ")
                    .append(String.join("; ", passed)).append('.');
        } else {
            s.append("survived ").append(passed.size()).append(" of ").append(refs.size()).append(" refuters");
            if (!passed.isEmpty()) {
                s.append(" (").append(String.join("; ", passed)).append(')');
            }
            s.append(" and failed ").append(failed.size()).append(": ").append(String.join("; ", failed)).append('.');
        }
        nums.put("passed", (double) passed.size());
        nums.put("run", (double) refs.size());
        Strength st = failed.isEmpty() ? Strength.STRONG : placeboFailed ? Strength.WEAK : Strength.MODERATE;
        return new Insight("refutation", s.toString(), nums,
                "the refuters test the estimator's stability, not the absence of hidden confounding", st);
    }

    // ------------------------------------------------------------------ sensitivity

    static Insight sensitivity(AnalysisResult r) {
        Estimate ev = r.find(CausalCheck.EVALUE.id());
        Estimate rv = r.find(CausalCheck.ROBUSTNESS_VALUE.id());
        Estimate rb = r.find(CausalCheck.ROSENBAUM.id());
        if (ev == null && rv == null && rb == null) {
            return null;
        }
        Map<String, Double> nums = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        if (ev != null) {
            nums.put("e_value", ev.estimate());
            String t = "an unmeasured confounder would have to raise the risk of both treatment and outcome " + times(ev.estimate())
                    + " to explain the effect away (E-value)";
            Double lim = ev.extra("evalue_interval_limit");
            if (lim != null) {
                nums.put("e_value_interval", lim);
                t += lim <= 1 ? ", though the interval already includes no effect" : ", and " + times(lim)
                        + " to make the interval include no effect";
            }
            parts.add(t);
        }
        Strength st = Strength.MODERATE;
        if (rv != null) {
            nums.put("robustness_value", rv.estimate());
            String t = "in variance terms it would have to explain " + pct(rv.estimate())
                    + " of the residual variance of both treatment and outcome (robustness value)";
            if (r.details().get("confounder_benchmark") instanceof Map<?, ?> b && b.get("partial_r2_outcome") instanceof Number y
                    && b.get("partial_r2_treatment") instanceof Number d) {
                double r2y = y.doubleValue();
                double r2d = d.doubleValue();
                nums.put("benchmark_partial_r2_outcome", r2y);
                nums.put("benchmark_partial_r2_treatment", r2d);
                String name = String.valueOf(b.get("confounder"));
                t += "; the strongest measured confounder, " + name + ", explains " + pct(r2y) + " of the outcome's and "
                        + pct(r2d) + " of the treatment's";
                if (rv.estimate() > Math.max(r2y, r2d)) {
                    t += ", so a hidden confounder would have to be stronger than " + name + " on both counts";
                    st = Strength.STRONG;
                } else if (rv.estimate() > Math.min(r2y, r2d)) {
                    t += ", so a hidden confounder as strong as " + name + " on its stronger side could matter";
                    st = Strength.MODERATE;
                } else {
                    t += ", so a hidden confounder no stronger than " + name + " would be enough";
                    st = Strength.WEAK;
                }
            }
            parts.add(t);
        } else if (ev != null) {
            st = ev.estimate() >= 2 ? Strength.STRONG : ev.estimate() >= 1.25 ? Strength.MODERATE : Strength.WEAK;
        }
        if (rb != null) {
            nums.put("rosenbaum_gamma", rb.estimate());
            parts.add("the matched comparison stays significant until hidden bias makes treatment odds differ by a factor of "
                    + num(rb.estimate()) + " (Rosenbaum)");
        }
        String s = Character.toUpperCase(parts.get(0).charAt(0)) + parts.get(0).substring(1)
                + (parts.size() > 1 ? "; " + String.join("; ", parts.subList(1, parts.size())) : "") + ".";
        return new Insight("sensitivity", s, nums,
                "a single hidden confounder acting as the E-value and robustness value describe", st);
    }

    // ------------------------------------------------------------------ what the design cannot say

    static Insight limits(AnalysisResult r, String outcome) {
        Estimate mb = r.find(CausalCheck.BOUNDS.id());
        Map<String, Double> nums = new LinkedHashMap<>();
        if (mb != null && mb.interval() != null) {
            double lo = mb.interval().lower();
            double hi = mb.interval().upper();
            nums.put("bounds_lower", lo);
            nums.put("bounds_upper", hi);
            String s = "Without the no-confounding assumption the data only bound the average effect on " + outcome + " to ["
                    + num(lo) + ", " + num(hi) + "] (Manski), a range " + (lo <= 0 && hi >= 0 ? "that includes zero" : "of one sign")
                    + " and " + num(hi - lo) + " wide: the point estimate comes from the assumption, not the data alone.";
            return new Insight("limits", s, nums, "the outcome stays within its observed range", Strength.MODERATE);
        }
        String who = r.estimates().isEmpty() ? "" : r.estimates().get(0).label();
        String s = switch (r.method()) {
            case "causal.sdid", "causal.synth", "causal.asynth" -> {
                Object donors = r.sampleSizes().get("donors");
                Object post = r.sampleSizes().get("post_periods");
                yield "The design speaks for " + who + " over the " + post + " post-treatment periods only, against a"
                        + " comparison built from " + donors + " donors; it cannot say what the effect would be elsewhere, later,"
                        + " or whether a shock hitting only " + who + " after the start caused it.";
            }
            case "causal.did", "causal.event_study", "causal.staggered_did" -> "The design identifies the effect on the treated"
                    + " units in the periods observed; it cannot separate the treatment from anything else that changed for them"
                    + " at the same time, nor say what untreated units would gain.";
            case "causal.rdd" -> "The effect holds at the cutoff; the design cannot say how large it is for units far from it.";
            case "causal.iv" -> "The effect holds for compliers, the units whose treatment the instruments move; it cannot say"
                    + " what always- or never-takers would gain.";
            default -> "The estimate holds for the population and period the data cover.";
        };
        return new Insight("limits", s, nums, assumption(r.method()), Strength.MODERATE);
    }

    // ------------------------------------------------------------------ subgroups

    /**
     * Where the effect differs across the levels of {@code column}: the spec is re-run on each level
     * and on the rest of the data, each difference is tested with a z test on the two standard
     * errors, and the p-values are adjusted by Holm's method over the levels compared. A confounder
     * that is the subgroup column is left out of the subgroup fits (it is constant within each).
     *
     * @throws UserInputException when the column is missing, has one level or more than {@link #MAX_SUBGROUPS}
     */
    public static Insight subgroups(CausalSpec spec, Dataset data, String column) {
        if (data.column(column).isEmpty()) {
            throw new UserInputException(data.missingColumnMessage(column, "subgroups"));
        }
        String[] levels = data.strings(column);
        List<String> distinct = new ArrayList<>(new java.util.TreeSet<>(java.util.Arrays.stream(levels)
                .filter(java.util.Objects::nonNull).toList()));
        if (distinct.size() < 2 || distinct.size() > MAX_SUBGROUPS) {
            throw new UserInputException("--subgroups " + column + " has " + distinct.size() + " levels; choose a column with 2 to "
                    + MAX_SUBGROUPS + " levels");
        }
        // within a level the column is constant, so it leaves the adjustment set of the subgroup fits
        CausalSpec within = spec.toBuilder().confounders(spec.confounders().stream().filter(c -> !c.equals(column)).toList()).build();
        int k = distinct.size();
        double[] est = new double[k];
        double[] rest = new double[k];
        double[] p = new double[k];
        NormalDistribution z = new NormalDistribution(0, 1);
        for (int g = 0; g < k; g++) {
            String level = distinct.get(g);
            AnalysisResult in = run(within, subset(data, levels, level, true));
            AnalysisResult out = run(within, subset(data, levels, level, false));
            if (in.standardError() == null || out.standardError() == null) {
                throw new UserInputException("method " + spec.method().methodId() + " gives no standard error, so subgroups of "
                        + column + " cannot be compared; use a method with one");
            }
            est[g] = in.estimate();
            rest[g] = out.estimate();
            double se = Math.hypot(in.standardError(), out.standardError());
            p[g] = 2 * (1 - z.cumulativeProbability(Math.abs(est[g] - rest[g]) / se));
        }
        double[] adj = holm(p);
        Map<String, Double> nums = new LinkedHashMap<>();
        int best = 0;
        List<String> differing = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            String l = distinct.get(g);
            nums.put(l + "_effect", est[g]);
            nums.put(l + "_rest_effect", rest[g]);
            nums.put(l + "_adjusted_p", adj[g]);
            if (adj[g] < adj[best]) {
                best = g;
            }
            if (adj[g] < spec.alpha()) {
                differing.add(column + " = " + l + " (" + signed(est[g]) + " against " + signed(rest[g]) + " elsewhere, adjusted p "
                        + pValue(adj[g]) + ")");
            }
        }
        String s;
        Strength st;
        if (differing.isEmpty()) {
            s = "No level of " + column + " differs from the rest after Holm's correction over " + k + " comparisons; the"
                    + " closest is " + column + " = " + distinct.get(best) + " (" + signed(est[best]) + " against " + signed(rest[best])
                    + " elsewhere, adjusted p " + pValue(adj[best]) + ").";
            st = Strength.WEAK;
        } else {
            s = "The effect differs by " + column + " after Holm's correction over " + k + " comparisons: " + String.join("; ", differing) + ".";
            st = Strength.MODERATE;
        }
        return new Insight("subgroups", s, nums, "the assumptions of the headline hold within each subgroup", st);
    }

    private static AnalysisResult run(CausalSpec spec, Dataset d) {
        try (d) {
            return Engines.run(spec, d);
        }
    }

    /** The rows whose {@code levels} value is (or, with {@code keep} false, is not) {@code level}, as an in-memory dataset. */
    private static Dataset subset(Dataset data, String[] levels, String level, boolean keep) {
        int n = 0;
        boolean[] take = new boolean[levels.length];
        for (int i = 0; i < levels.length; i++) {
            take[i] = levels[i] != null && levels[i].equals(level) == keep;
            n += take[i] ? 1 : 0;
        }
        Dataset.Builder b = Dataset.builder();
        for (ColumnInfo c : data.columns()) {
            if (c.type().isNumeric()) {
                double[] v = data.doubles(c.name());
                double[] o = new double[n];
                for (int i = 0, j = 0; i < v.length; i++) {
                    if (take[i]) {
                        o[j++] = v[i];
                    }
                }
                b.numeric(c.name(), o);
            } else {
                String[] v = data.strings(c.name());
                String[] o = new String[n];
                for (int i = 0, j = 0; i < v.length; i++) {
                    if (take[i]) {
                        o[j++] = v[i];
                    }
                }
                b.text(c.name(), o);
            }
        }
        return b.build();
    }

    /** Holm's step-down adjustment. */
    static double[] holm(double[] p) {
        int k = p.length;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] adj = new double[k];
        double running = 0;
        for (int r = 0; r < k; r++) {
            running = Math.max(running, Math.min(1, (k - r) * p[order[r]]));
            adj[order[r]] = running;
        }
        return adj;
    }

    // ------------------------------------------------------------------ number formatting

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        String s = a >= 100 ? String.format(Locale.ROOT, "%.0f", v) : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : a >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3g", v);
        return s.equals("-0") ? "0" : s;
    }

    static String signed(double v) {
        return (v > 0 ? "+" : "") + num(v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 0.1 ? "%.0f%%" : "%.1f%%", 100 * v);
    }

    static String signedPct(double v) {
        return (v > 0 ? "+" : "") + pct(v);
    }

    static String times(double v) {
        return String.format(Locale.ROOT, "%.2f-fold", v);
    }

    static String pValue(double p) {
        // with its relation, so that sentences read "p = 0.036" and "p < 0.001"
        return Double.isNaN(p) ? "not available" : p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
    }
}
