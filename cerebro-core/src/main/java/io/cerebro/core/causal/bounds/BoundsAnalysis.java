package io.cerebro.core.causal.bounds;

import io.cerebro.core.causal.observational.CausalData;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.spec.BoundsOptions;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cerebro causal --method bounds}: the bounds under the chosen assumption as the headline,
 * followed by the bounds under each of the others, so a reader sees what each assumption buys.
 */
public final class BoundsAnalysis {
    private BoundsAnalysis() {
    }

    /** Runs {@code spec} (method bounds) on {@code data}. */
    public static AnalysisResult run(CausalSpec spec, Dataset data) {
        if (!spec.confounders().isEmpty()) {
            throw new UserInputException("--method bounds uses no confounders (it assumes no ignorability); drop --confounders");
        }
        BoundsOptions o = spec.bounds() != null ? spec.bounds() : new BoundsOptions(null, null);
        CausalData d = CausalData.load(data, spec.treatment(), spec.outcome(), List.of(), List.of(), spec.dropMissing());
        double[] t = d.treatment();
        double[] y = d.outcome();
        double lo;
        double hi;
        String rangeSource;
        if (o.outcomeRange() != null) {
            lo = o.outcomeRange().get(0);
            hi = o.outcomeRange().get(1);
            rangeSource = "given";
        } else {
            boolean binary = java.util.Arrays.stream(y).allMatch(v -> v == 0 || v == 1);
            lo = binary ? 0 : java.util.Arrays.stream(y).min().orElse(0);
            hi = binary ? 1 : java.util.Arrays.stream(y).max().orElse(1);
            rangeSource = binary ? "0/1 outcome" : "observed range; pass --outcome-range lo,hi for the logical one";
            if (!(lo < hi)) {
                throw new UserInputException("outcome " + spec.outcome() + " is constant; bounds need its range: pass --outcome-range lo,hi");
            }
        }
        List<String> order = new ArrayList<>();
        order.add(o.assumption());
        BoundsOptions.ASSUMPTIONS.stream().filter(a -> !a.equals(o.assumption())).forEach(order::add);
        AnalysisResult.Builder r = AnalysisResult.builder("causal", CausalMethod.BOUNDS.methodId())
                .estimand("bounds on the average effect of " + spec.treatment() + " on " + spec.outcome() + " in ["
                        + fmt(lo) + ", " + fmt(hi) + "] under " + words(o.assumption()));
        for (String a : order) {
            TreatmentEffectBounds b = TreatmentEffectBounds.of(a, t, y, lo, hi, spec.alpha());
            r.estimate(Estimate.builder("ATE bounds (" + a + ")", CausalMethod.BOUNDS.methodId())
                    .estimand("bounds on the ATE under " + words(a))
                    .interval(new Interval(b.lower(), b.upper(), 1.0, "bounds"))
                    .extra("se_lower", b.seLower()).extra("se_upper", b.seUpper())
                    .extra("ci_lower", b.ciLower()).extra("ci_upper", b.ciUpper())
                    .extra("ci_level", 1 - spec.alpha())
                    .build());
            if (b.contradicted()) {
                r.warning("the data contradict " + words(a) + ": its upper bound " + fmt(b.upper()) + " is below its lower bound "
                        + fmt(b.lower()) + " (the treated do worse than the untreated on average)");
            }
        }
        int n1 = 0;
        double s1 = 0;
        double s0 = 0;
        for (int i = 0; i < t.length; i++) {
            n1 += t[i] == 1 ? 1 : 0;
            s1 += t[i] == 1 ? y[i] : 0;
            s0 += t[i] == 1 ? 0 : y[i];
        }
        int n0 = t.length - n1;
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("assumption", o.assumption());
        det.put("outcome_range", List.of(lo, hi));
        det.put("outcome_range_source", rangeSource);
        det.put("share_treated", (double) n1 / t.length);
        det.put("mean_treated", s1 / n1);
        det.put("mean_control", s0 / n0);
        det.put("naive_difference", s1 / n1 - s0 / n0);
        r.detail("bounds", det);
        r.sampleSize("treated", n1).sampleSize("control", n0).sampleSize("total", t.length);
        if (d.dropped() > 0) {
            r.warning(d.dropped() + " of " + data.rowCount() + " rows were left out for missing values (--drop-missing)");
        }
        return r.provenance(spec, data, BoundsAnalysis.class, spec.seed()).build();
    }

    /** The assumption in words. */
    static String words(String a) {
        return switch (a) {
            case "manski" -> "no assumption (Manski)";
            case "mtr" -> "monotone treatment response (treatment never lowers the outcome)";
            case "mts" -> "monotone treatment selection (the treated would do at least as well either way)";
            default -> "monotone treatment response and selection";
        };
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
