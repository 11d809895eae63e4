package io.cerebro.core.causal.sensitivity;

import io.cerebro.core.ab.AbMethod;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.spec.ABTestSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds {@link LeeBounds} to a two-arm A/B result whose outcome is missing for some units
 * ({@code cerebro abtest --lee-bounds --observed COL}): the test itself compares the observed rows,
 * which is biased when treatment changes who is observed; the bounds say what the effect among
 * units observed in either arm can be.
 */
public final class AttritionBounds {
    private AttritionBounds() {
    }

    /**
     * @param result   the A/B result on the observed rows (its {@code control} detail names the control arm)
     * @param all      every row, attrited ones included, with the treatment, outcome and observed columns
     * @param spec     the A/B spec
     * @param observed the 0/1 column that is 1 where the outcome was observed
     * @return the result with an {@code ab.lee_bounds} estimate and a {@code lee_bounds} detail
     * @throws UserInputException for more than two arms, a non-0/1 observed column, or rows whose
     *                            observed flag disagrees with whether the outcome is present
     */
    public static AnalysisResult attach(AnalysisResult result, Dataset all, ABTestSpec spec, String observed) {
        if (all.column(observed).isEmpty()) {
            throw new UserInputException(all.missingColumnMessage(observed, "observed"));
        }
        if (result.arms().size() != 2) {
            throw new UserInputException("--lee-bounds compares two arms, the data have " + result.arms().size()
                    + "; keep two with --where");
        }
        String control = String.valueOf(result.details().get("control"));
        String treated = result.arms().stream().map(a -> a.arm()).filter(a -> !a.equals(control)).findFirst().orElseThrow();
        String[] arm = all.strings(spec.treatment());
        double[] s = all.doubles(observed);
        double[] y = all.doubles(spec.outcome());
        List<Double> t = new ArrayList<>();
        List<Double> obs = new ArrayList<>();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < arm.length; i++) {
            if (arm[i] == null || !(arm[i].equals(control) || arm[i].equals(treated))) {
                continue;
            }
            if (!(s[i] == 0 || s[i] == 1)) {
                throw new UserInputException("--observed " + observed + " must be 0 or 1, row " + (i + 1) + " holds " + s[i]);
            }
            boolean has = !Double.isNaN(y[i]);
            if (s[i] == 1 && !has) {
                throw new UserInputException("row " + (i + 1) + " has " + observed + " = 1 but no " + spec.outcome()
                        + "; fill it in or set " + observed + " to 0");
            }
            if (s[i] == 0 && has) {
                throw new UserInputException("row " + (i + 1) + " has " + observed + " = 0 but a " + spec.outcome()
                        + " value; leave the outcome empty for units that were not observed, or set " + observed + " to 1");
            }
            t.add(arm[i].equals(treated) ? 1.0 : 0.0);
            obs.add(s[i]);
            out.add(y[i]);
        }
        LeeBounds b = LeeBounds.of(unbox(t), unbox(obs), unbox(out));
        String label = treated + " vs " + control;
        Estimate e = Estimate.builder(label, AbMethod.LEE_BOUNDS.id())
                .estimand("bounds on the difference in means (" + treated + " - " + control + ") among units observed in either arm, "
                        + "trimming " + pct(b.trimShare()) + " of the " + (b.trimmedArm() == 1 ? treated : control) + " arm's outcomes")
                .interval(new Interval(b.lower(), b.upper(), 1.0, "bounds"))
                .extra("trim_share", b.trimShare())
                .extra("observed_share_treated", b.observedTreated())
                .extra("observed_share_control", b.observedControl())
                .build();
        List<Estimate> estimates = new ArrayList<>(result.estimates());
        estimates.add(e);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("lower", b.lower());
        detail.put("upper", b.upper());
        detail.put("trim_share", b.trimShare());
        detail.put("trimmed_arm", b.trimmedArm() == 1 ? treated : control);
        detail.put("observed_share_" + treated, b.observedTreated());
        detail.put("observed_share_" + control, b.observedControl());
        AnalysisResult r = new AnalysisResult(result.schema(), result.family(), result.method(), result.estimand(), result.estimate(),
                result.standardError(), result.interval(), result.pValue(), result.posteriorProbability(), result.sampleSizes(),
                result.arms(), estimates, result.diagnostics(), withWarning(result, b, treated, control), result.details(),
                result.charts(), result.provenance(), result.insights());
        return r.withDetail("lee_bounds", detail);
    }

    private static List<String> withWarning(AnalysisResult r, LeeBounds b, String treated, String control) {
        List<String> w = new ArrayList<>();
        for (String s : r.warnings()) {
            // the command dropped the unobserved rows itself: say so instead of naming a flag the user did not give
            w.add(s.endsWith(" (--drop-missing)") ? s.replace(" (--drop-missing)", " (no observed outcome; the Lee bounds use them)") : s);
        }
        if (b.observedTreated() != b.observedControl()) {
            w.add("outcomes are observed for " + pct(b.observedTreated()) + " of " + treated + " and " + pct(b.observedControl())
                    + " of " + control + ": the comparison of observed rows may be biased; Lee bounds [" + fmt(b.lower()) + ", "
                    + fmt(b.upper()) + "]");
        }
        return w;
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
