package io.cerebro.agents.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ResultJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the result JSON a pipeline printed with the reference engine's result, field by field.
 *
 * <p>What must match: {@code schema}, {@code family}, the headline {@code method}; every arm's
 * {@code n}, {@code mean} and {@code sd}; and for every engine estimate of the headline method
 * (matched by label and method; several with the same label and method match in printed order) each field the engine reports: {@code estimate},
 * {@code standardError}, {@code interval} bounds and level, {@code pValue}, {@code adjustedPValue},
 * {@code statistic} value and df, {@code posteriorProbability}. {@code extra} values are compared
 * where both sides report them. Estimates of what the spec explicitly asks for are required too
 * (an A/B spec with a covariate needs {@code ab.cuped}, one with strata {@code ab.post_stratification}),
 * so a program that ignores part of the spec fails. Other engine estimates (companions) are compared
 * when the pipeline prints them and otherwise noted. Tolerances per field are in {@link #tolerance}.
 */
public final class ResultComparator {
    private static final Set<String> MC_EXTRAS = Set.of("expected_loss", "prob_best");
    private static final Set<String> NUMERICAL_EXTRAS = Set.of("boundary_z");

    private ResultComparator() {
    }

    /**
     * The result of a comparison.
     *
     * @param mismatches one line per field that differs (empty when the pipeline agrees)
     * @param notes      fields compared loosely or not at all, for the record
     */
    public record Comparison(List<String> mismatches, List<String> notes) {
        public boolean agrees() {
            return mismatches.isEmpty();
        }
    }

    /** @return the tolerance applied to {@code field} of an estimate of {@code method}. */
    public static Tolerance tolerance(String method, String field) {
        boolean bayesBeta = method.equals("ab.bayesian_beta_binomial");
        if (MC_EXTRAS.contains(field)) {
            return Tolerance.MONTE_CARLO;
        }
        if (NUMERICAL_EXTRAS.contains(field)) {
            return Tolerance.NUMERICAL;
        }
        if (bayesBeta && (field.startsWith("interval") || field.equals("standardError"))) {
            // the credible interval of a difference of two Beta variables has no closed form: engines
            // and programs may simulate it or use a normal approximation
            return Tolerance.MONTE_CARLO;
        }
        if (bayesBeta && field.equals("posteriorProbability")) {
            return new Tolerance(1e-3, 2e-3, "exact sum or Monte Carlo");
        }
        if (method.equals("ab.group_sequential") && (field.equals("pValue") || field.equals("adjustedPValue"))) {
            return Tolerance.NUMERICAL;
        }
        if (field.equals("pValue") || field.equals("adjustedPValue") || field.startsWith("p_")) {
            return Tolerance.P_VALUE;
        }
        return Tolerance.CLOSED_FORM;
    }

    /** Compares {@code printed} (the pipeline's JSON) with {@code engine}. */
    public static Comparison compare(AnalysisResult engine, JsonNode printed) {
        JsonNode ref = ResultJson.mapper().valueToTree(engine);
        List<String> bad = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        same("schema", ref, printed, bad);
        same("family", ref, printed, bad);
        same("method", ref, printed, bad);
        compareArms(ref.path("arms"), printed.path("arms"), bad);
        String headline = ref.path("method").asText();
        Set<String> required = requiredMethods(headline, ref.path("provenance").path("spec"));
        Map<String, Integer> occurrence = new java.util.HashMap<>();
        for (JsonNode e : ref.path("estimates")) {
            String label = e.path("label").asText();
            String method = e.path("method").asText();
            // estimates sharing a label and method (e.g. one per standard-error kind) match in printed order
            int k = occurrence.merge(label + "\u0000" + method, 1, Integer::sum) - 1;
            JsonNode p = findEstimate(printed.path("estimates"), label, method, k);
            String where = "estimates[" + label + " / " + method + "]";
            if (p == null) {
                if (required.contains(method)) {
                    bad.add(where + ": missing from the printed result (" + (method.equals(headline) ? "the headline method"
                            : "the spec asks for it") + "; print one estimate per arm vs control, label '<arm> vs <control>')");
                } else {
                    notes.add(where + ": companion estimate not printed; not compared");
                }
                continue;
            }
            for (String f : List.of("estimate", "standardError", "pValue", "adjustedPValue", "posteriorProbability")) {
                num(where, f, method, e.get(f), p.get(f), bad);
            }
            if (e.has("interval")) {
                for (String f : List.of("lower", "upper", "level")) {
                    num(where, "interval." + f, method, e.path("interval").get(f), p.path("interval").get(f), bad);
                }
            }
            if (e.has("statistic")) {
                JsonNode s = e.get("statistic");
                JsonNode ps = p.path("statistic");
                if (!s.path("name").asText().equals(ps.path("name").asText())) {
                    bad.add(where + ".statistic.name: printed '" + ps.path("name").asText() + "', engine '" + s.path("name").asText() + "'");
                }
                num(where, "statistic.value", method, s.get("value"), ps.get("value"), bad);
                num(where, "statistic.df", method, s.get("df"), ps.get("df"), bad);
            }
            JsonNode ex = e.path("extra");
            JsonNode pex = p.path("extra");
            for (Iterator<Map.Entry<String, JsonNode>> it = ex.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> kv = it.next();
                if (pex.has(kv.getKey())) {
                    num(where, "extra." + kv.getKey(), method, kv.getValue(), pex.get(kv.getKey()), bad, kv.getKey());
                } else {
                    notes.add(where + ".extra." + kv.getKey() + ": not printed; not compared");
                }
            }
        }
        return new Comparison(bad, notes);
    }

    /** The headline method plus what the spec's options call for. */
    static Set<String> requiredMethods(String headline, JsonNode spec) {
        Set<String> required = new java.util.HashSet<>();
        required.add(headline);
        if ("ab".equals(spec.path("family").asText())) {
            if (spec.hasNonNull("covariate")) {
                required.add("ab.cuped");
            }
            if (spec.hasNonNull("strata")) {
                required.add("ab.post_stratification");
            }
        }
        return required;
    }

    private static void compareArms(JsonNode ref, JsonNode printed, List<String> bad) {
        for (JsonNode a : ref) {
            String arm = a.path("arm").asText();
            JsonNode p = null;
            for (JsonNode x : printed) {
                if (arm.equals(x.path("arm").asText())) {
                    p = x;
                }
            }
            if (p == null) {
                bad.add("arms[" + arm + "]: missing from the printed result (print n, mean and sd per arm)");
                continue;
            }
            if (a.path("n").asLong() != p.path("n").asLong(-1)) {
                bad.add("arms[" + arm + "].n: printed " + p.path("n").asText() + ", engine " + a.path("n").asLong());
            }
            for (String f : List.of("mean", "sd")) {
                Double r = value(a.get(f));
                Double v = value(p.get(f));
                if (r != null && (v == null || !Tolerance.SUMMARY.accepts(v, r))) {
                    bad.add("arms[" + arm + "]." + f + ": printed " + v + ", engine " + r + " (" + Tolerance.SUMMARY + ")");
                }
            }
        }
    }

    private static JsonNode findEstimate(JsonNode estimates, String label, String method, int occurrence) {
        int seen = 0;
        for (JsonNode e : estimates) {
            if (label.equals(e.path("label").asText()) && method.equals(e.path("method").asText()) && seen++ == occurrence) {
                return e;
            }
        }
        return null;
    }

    private static void same(String field, JsonNode ref, JsonNode printed, List<String> bad) {
        String r = ref.path(field).asText();
        String p = printed.path(field).asText();
        if (!r.equals(p)) {
            bad.add(field + ": printed '" + p + "', engine '" + r + "'");
        }
    }

    private static void num(String where, String field, String method, JsonNode ref, JsonNode printed, List<String> bad) {
        num(where, field, method, ref, printed, bad, field);
    }

    private static void num(String where, String field, String method, JsonNode ref, JsonNode printed, List<String> bad,
                            String toleranceKey) {
        Double r = value(ref);
        if (r == null) {
            return;
        }
        Double p = value(printed);
        Tolerance tol = tolerance(method, toleranceKey);
        if (p == null) {
            bad.add(where + "." + field + ": missing (engine " + r + ")");
        } else if (!tol.accepts(p, r)) {
            bad.add(where + "." + field + ": printed " + p + ", engine " + r + " (" + tol + ")");
        }
    }

    /** Reads a number, accepting the strings Infinity, -Infinity and NaN. */
    static Double value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            return switch (n.asText()) {
                case "Infinity", "+Infinity", "inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Infinity", "-inf", "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN", "nan" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(n.asText());
                    } catch (NumberFormatException e) {
                        yield null;
                    }
                }
            };
        }
        return null;
    }
}
