package io.cerebro.core.tune.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.power.PowerCalculator;
import io.cerebro.core.power.PowerSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a causal result ({@code cerebro causal --format json}) of a selection-on-observables method
 * (the spec has confounders) and applies two detectors:
 * <ul>
 *   <li><b>unrefuted</b>: the result carries no refutation ({@code causal.refute} estimates): the
 *   follow-up is the same causal spec with the four refuters (placebo, random_common_cause, subset,
 *   bootstrap), run by {@code cerebro causal DATA --spec FILE};</li>
 *   <li><b>fragile</b>: the estimate is significant (p &lt; alpha) but the Cinelli-Hazlett robustness
 *   value RV (the partial R² an omitted confounder needs with both treatment and outcome to explain
 *   the estimate away) is at most the smaller of the two partial R²s of the strongest observed
 *   confounder ({@code details.confounder_benchmark}): an unmeasured confounder no stronger than
 *   one already measured would remove the effect, so no adjustment settles it. The follow-up is a
 *   design: a randomised A/B test of the same treatment on the same outcome, sized by the power
 *   engine (t-test on the arms' pooled sd) to detect the estimated effect at 80% power, run by
 *   {@code cerebro abtest NEW_DATA --spec FILE} on the experiment's data.</li>
 * </ul>
 */
public final class CausalResultAdvisor {
    /** The refuters the refutation follow-up asks for. */
    public static final List<String> REFUTERS = List.of("placebo", "random_common_cause", "subset", "bootstrap");
    private static final List<String> SPEC_KEYS = List.of("family", "method", "treatment", "outcome", "confounders", "estimand", "alpha", "seed");

    private CausalResultAdvisor() {
    }

    /** @return whether {@code r} is a causal result this advisor reads. */
    public static boolean isCausal(JsonNode r) {
        return "causal".equals(r.path("family").asText());
    }

    /**
     * @param r      the result JSON
     * @param source the file it was read from, for messages
     * @return the suggestions, possibly none
     */
    public static List<Suggestion> advise(JsonNode r, String source) {
        JsonNode spec = r.path("provenance").path("spec");
        if (spec.isMissingNode() || spec.isEmpty()) {
            throw new io.cerebro.core.error.UserInputException(source + " has no provenance.spec; rerun the analysis with this version of cerebro");
        }
        if (!spec.path("confounders").isArray() || spec.path("confounders").isEmpty()) {
            throw new io.cerebro.core.error.UserInputException("suggest-next reads causal results of methods that adjust for confounders (regression, "
                    + "matching, weighting); " + source + " has method " + r.path("method").asText() + " without confounders");
        }
        List<Suggestion> out = new ArrayList<>();
        unrefuted(r, spec).ifPresent(out::add);
        fragile(r, spec).ifPresent(out::add);
        return out;
    }

    /** @return the causal spec of a result, in the spec file's words (lower-case method and estimand). */
    static Map<String, Object> causalSpec(JsonNode spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : SPEC_KEYS) {
            JsonNode v = spec.get(k);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(x -> items.add(x.asText()));
                m.put(k, items);
            } else if (v.isNumber()) {
                m.put(k, v.numberValue());
            } else {
                String s = v.asText();
                m.put(k, k.equals("method") || k.equals("estimand") ? s.toLowerCase(Locale.ROOT) : s);
            }
        }
        return m;
    }

    static Optional<Suggestion> unrefuted(JsonNode r, JsonNode spec) {
        for (JsonNode e : r.path("estimates")) {
            if ("causal.refute".equals(e.path("method").asText())) {
                return Optional.empty();
            }
        }
        Map<String, Object> next = causalSpec(spec);
        next.put("refute", REFUTERS);
        String reason = "the estimate " + NextExperimentAdvisor.fmt(r.path("estimate").asDouble()) + " (" + r.path("method").asText()
                + ") rests on the confounder list " + spec.path("confounders") + " and was not refuted: rerun it with the placebo, "
                + "random-common-cause, subset and bootstrap refuters";
        return Optional.of(new Suggestion("unrefuted", reason, "next-causal-refute.yaml", next, "cerebro causal DATA --spec FILE"));
    }

    static Optional<Suggestion> fragile(JsonNode r, JsonNode spec) {
        double alpha = spec.path("alpha").asDouble(0.05);
        double p = r.path("pValue").asDouble(Double.NaN);
        if (!(p < alpha)) {
            return Optional.empty();
        }
        double rv = Double.NaN;
        for (JsonNode e : r.path("estimates")) {
            if ("causal.robustness_value".equals(e.path("method").asText())) {
                rv = e.path("estimate").asDouble(Double.NaN);
            }
        }
        JsonNode bench = r.path("details").path("confounder_benchmark");
        double r2y = bench.path("partial_r2_outcome").asDouble(Double.NaN);
        double r2d = bench.path("partial_r2_treatment").asDouble(Double.NaN);
        double strength = Math.min(r2y, r2d);
        if (!(rv <= strength)) {
            return Optional.empty();
        }
        double est = Math.abs(r.path("estimate").asDouble());
        JsonNode arms = r.path("arms");
        double pooledVar = 0;
        for (JsonNode a : arms) {
            pooledVar += Math.pow(a.path("sd").asDouble(), 2) / arms.size();
        }
        double sd = Math.sqrt(pooledVar);
        PowerSettings s = PowerSettings.defaults().withAlpha(alpha).withPower(0.8);
        long perArm = (long) Math.ceil(PowerCalculator.meansSampleSize(sd, est, s).nControl());
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("family", "ab");
        next.put("treatment", spec.path("treatment").asText());
        next.put("outcome", spec.path("outcome").asText());
        next.put("control", "0");
        next.put("test", "welch");
        next.put("alpha", alpha);
        next.put("power", 0.8);
        next.put("mde", est);
        String reason = String.format(Locale.ROOT, "p = %s < alpha %s, but the robustness value %s is at most the partial R2 of the observed "
                        + "confounder %s (outcome %s, treatment %s): an unmeasured confounder like it would explain the estimate away. "
                        + "Randomise instead: an A/B test needs %d units per arm to detect %s at 80%% power (t-test, pooled sd %s)",
                NextExperimentAdvisor.fmt(p), NextExperimentAdvisor.fmt(alpha), NextExperimentAdvisor.fmt(rv), bench.path("confounder").asText(),
                NextExperimentAdvisor.fmt(r2y), NextExperimentAdvisor.fmt(r2d), perArm, NextExperimentAdvisor.fmt(est), NextExperimentAdvisor.fmt(sd));
        return Optional.of(new Suggestion("fragile", reason, "next-ab-randomised.yaml", next, "cerebro abtest NEW_DATA --spec FILE"));
    }
}
