package io.cerebro.experiment;

import io.cerebro.core.power.PowerCalculator;
import io.cerebro.core.power.PowerSettings;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.Alternative;
import io.cerebro.store.Experiment;
import io.cerebro.store.MetricDefinition;
import io.cerebro.store.MetricKind;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.StoppingDecision;
import io.cerebro.store.Variant;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Early stopping for a running experiment, read from the A/B engine's result at one look. Higher
 * values of the metric are better. For each treatment arm against control:
 * <ol>
 *   <li><b>continue</b> while either arm has fewer than {@code minSamples} units (the normal
 *       approximations behind the tests need them; with a fixed-horizon test, also until the
 *       planned size, the only look at which its p-value is valid);</li>
 *   <li><b>success</b> when the (always-valid, for mSPRT) p-value is at most alpha, the difference is
 *       positive and, when a minimum effect is set, at least that effect;</li>
 *   <li><b>failure</b> when the p-value is at most alpha and the difference is negative;</li>
 *   <li><b>futility</b> when the conditional power at the planned sample size, under the current
 *       trend, is below {@code futilityPower} (default 0.20), or when the planned size is reached
 *       without a significant result; or when a significant difference's interval lies wholly below
 *       the minimum effect;</li>
 *   <li>else <b>continue</b>.</li>
 * </ol>
 * Conditional power under the current trend (Lan and Wittes 1988): with z the current statistic of
 * treatment minus control and information fraction t = n_eff / N_eff (n_eff = 1/(1/n_c + 1/n_t),
 * N_eff = N/2 for N planned units per arm), CP = 1 - Phi((z_{1-a/2} - z / sqrt(t)) / sqrt(1 - t)),
 * the chance that a fixed-horizon two-sided test at the planned size finds treatment better. The
 * planned size N is {@code plannedSamples}, else the power engine's fixed-horizon sample size for
 * the MDE at the observed control mean (binary) or pooled standard deviation (continuous); without
 * either, futility is not checked and the decision says so.
 */
public final class StoppingRule {
    /** The default conditional-power threshold for futility. */
    public static final double DEFAULT_FUTILITY_POWER = 0.20;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private StoppingRule() {
    }

    /** @return one decision per treatment arm, in the experiment's variant order. */
    public static List<StoppingDecision> decide(Experiment e, MetricDefinition metric, AnalysisResult r, Instant at) {
        List<StoppingDecision> out = new ArrayList<>();
        String method = ExperimentAnalysis.decisionMethod(e, r);
        ArmSummary control = arm(r, e.control().name());
        for (Variant v : e.variants().subList(1, e.variants().size())) {
            ArmSummary t = arm(r, v.name());
            Estimate est = r.find(v.name() + " vs " + e.control().name(), method);
            if (control == null || t == null || est == null) {
                continue;
            }
            out.add(decideArm(e, metric, control, t, est, at));
        }
        return out;
    }

    private static ArmSummary arm(AnalysisResult r, String name) {
        return r.arms().stream().filter(a -> a.arm().equals(name)).findFirst().orElse(null);
    }

    static StoppingDecision decideArm(Experiment e, MetricDefinition metric, ArmSummary c, ArmSummary t, Estimate est, Instant at) {
        long nMin = Math.min(c.n(), t.n());
        double diff = est.estimate();
        Double p = est.pValue();
        double z = est.statistic() != null ? est.statistic().value() : diff / est.standardError();
        Long planned = plannedPerArm(e, metric, c, t);
        Double cp = planned != null && nMin < planned ? conditionalPower(z, c.n(), t.n(), planned, e.alpha()) : null;
        String arm = t.arm();
        java.util.function.BiFunction<String, String, StoppingDecision> d = (decision, why) ->
                new StoppingDecision(at, metric.name(), arm, decision, c.n(), t.n(), diff, p, cp, why);
        if (nMin < e.minSamples()) {
            return d.apply("continue", String.format(Locale.ROOT, "%d units in the smaller arm, fewer than min-samples %d", nMin, e.minSamples()));
        }
        boolean fixedHorizon = e.sequential() == SequentialTest.NONE;
        boolean significant = p != null && p <= e.alpha() && (!fixedHorizon || planned == null || nMin >= planned);
        if (significant && diff < 0) {
            return d.apply("failure", String.format(Locale.ROOT, "%s is worse than control: difference %s, p = %s <= alpha %s",
                    arm, num(diff), num(p), num(e.alpha())));
        }
        if (significant && diff > 0) {
            if (e.minEffect() == null || diff >= e.minEffect()) {
                return d.apply("success", String.format(Locale.ROOT, "%s beats control: difference %s, p = %s <= alpha %s%s",
                        arm, num(diff), num(p), num(e.alpha()),
                        e.minEffect() == null ? "" : ", at least the minimum effect " + num(e.minEffect())));
            }
            if (est.interval() != null && est.interval().upper() < e.minEffect()) {
                return d.apply("futility", String.format(Locale.ROOT, "%s is better but its interval's upper bound %s is below the minimum effect %s",
                        arm, num(est.interval().upper()), num(e.minEffect())));
            }
            return d.apply("continue", String.format(Locale.ROOT, "difference %s is significant but below the minimum effect %s", num(diff), num(e.minEffect())));
        }
        if (planned != null && nMin >= planned) {
            return d.apply("futility", String.format(Locale.ROOT, "the planned %d units per arm are reached without a significant difference (p = %s)",
                    planned, num(p)));
        }
        if (cp != null && cp < e.futilityPower()) {
            return d.apply("futility", String.format(Locale.ROOT, "conditional power %s at the planned %d units per arm is below %s",
                    num(cp), planned, num(e.futilityPower())));
        }
        if (fixedHorizon && planned != null) {
            return d.apply("continue", String.format(Locale.ROOT, "a fixed-horizon test is read at the planned %d units per arm, not before", planned));
        }
        return d.apply("continue", planned == null
                ? String.format(Locale.ROOT, "no significant difference yet (p = %s); futility is not checked without --mde or --planned-samples", num(p))
                : String.format(Locale.ROOT, "no significant difference yet (p = %s); conditional power %s at the planned %d units per arm",
                num(p), num(cp), planned));
    }

    /** @return the planned units per arm: as set, else the power engine's size for the MDE, else null. */
    static Long plannedPerArm(Experiment e, MetricDefinition metric, ArmSummary c, ArmSummary t) {
        if (e.plannedSamples() != null) {
            return e.plannedSamples();
        }
        if (e.mde() == null || !metric.equals(e.metrics().get(0))) {
            return null;
        }
        return SampleSizes.perArm(metric.kind(), c, t, e.mde(), e.alpha(), e.power()).orElse(null);
    }

    /** Conditional power under the current trend; see the class comment. */
    public static double conditionalPower(double z, long nControl, long nTreatment, long plannedPerArm, double alpha) {
        double t = (1.0 / (1.0 / nControl + 1.0 / nTreatment)) / (plannedPerArm / 2.0);
        if (t >= 1) {
            return z >= STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2) ? 1 : 0;
        }
        double crit = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        return 1 - STANDARD_NORMAL.cumulativeProbability((crit - z / Math.sqrt(t)) / Math.sqrt(1 - t));
    }

    /** @return the overall decision: success if any arm succeeded, failure if all failed, futility if none can succeed, else continue. */
    public static String overall(List<StoppingDecision> arms) {
        if (arms.stream().anyMatch(d -> d.decision().equals("success"))) {
            return "success";
        }
        if (!arms.isEmpty() && arms.stream().allMatch(d -> d.decision().equals("failure"))) {
            return "failure";
        }
        if (!arms.isEmpty() && arms.stream().allMatch(d -> d.decision().equals("failure") || d.decision().equals("futility"))) {
            return "futility";
        }
        return "continue";
    }

    /** @return a number as the decisions print it (4 significant digits; n/a for none). */
    public static String num(Double v) {
        if (v == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** The power engine's fixed-horizon sample sizes, for the stopping rule and the recommendation. */
    static final class SampleSizes {
        private SampleSizes() {
        }

        /** @return units per arm for the MDE, or empty when the control's mean or spread makes it undefined. */
        static java.util.Optional<Long> perArm(MetricKind kind, ArmSummary c, ArmSummary t, double mde, double alpha, double power) {
            PowerSettings s = new PowerSettings(alpha, power, 1, Alternative.TWO_SIDED);
            if (kind == MetricKind.BINARY) {
                double base = c.mean();
                if (!(base > 0 && base < 1) || !(base + mde < 1)) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(PowerCalculator.proportionsSampleSize(base, mde, s).nControlCeil());
            }
            double sd = Math.sqrt(((c.n() - 1) * c.sd() * c.sd() + (t.n() - 1) * t.sd() * t.sd()) / (c.n() + t.n() - 2));
            if (!(sd > 0)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(PowerCalculator.meansSampleSize(sd, mde, s).nControlCeil());
        }
    }
}
