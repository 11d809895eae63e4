package io.cerebro.agents.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ResultJson;
import io.cerebro.core.family.CatalogMethod;
import io.cerebro.core.family.Families;
import io.cerebro.core.family.Tolerance;
import io.cerebro.core.spec.AnalysisSpec;

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
    private ResultComparator() {
    }

    /**
     * The result of a comparison.
     *
     * @param mismatches one line per field that differs (empty when the pipeline agrees)
     * @param notes      fields compared loosely or not at all, for the record
     * @param checks     every value compared: both sides, the tolerance and whether it held
     */
    public record Comparison(List<String> mismatches, List<String> notes, List<FieldComparison> checks) {
        public boolean agrees() {
            return mismatches.isEmpty();
        }
    }

    /**
     * @return the tolerance applied to {@code field} of an estimate of {@code method}: the method's
     * catalogue entry decides ({@link CatalogMethod#tolerance}); an id no catalogue has gets the
     * standard tolerances
     */
    public static Tolerance tolerance(String method, String field) {
        CatalogMethod m = Families.method(method);
        return m != null ? m.tolerance(field) : Tolerance.standard(field);
    }

    /** Compares {@code printed} (the pipeline's JSON) with {@code engine}. */
    public static Comparison compare(AnalysisResult engine, JsonNode printed) {
        return compare(engine, printed, "data");
    }

    /**
     * Compares {@code printed} with {@code engine}, recording each compared value under
     * {@code dataset} ({@code data} or {@code synthetic}).
     */
    public static Comparison compare(AnalysisResult engine, JsonNode printed, String dataset) {
        JsonNode ref = ResultJson.mapper().valueToTree(engine);
        List<String> bad = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<FieldComparison> checks = new ArrayList<>();
        Recorder rec = new Recorder(dataset, checks);
        same("schema", ref, printed, bad);
        same("family", ref, printed, bad);
        same("method", ref, printed, bad);
        compareArms(ref.path("arms"), printed.path("arms"), bad, rec);
        String headline = ref.path("method").asText();
        Set<String> required = requiredMethods(headline, engine);
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
                num(where, f, method, e.get(f), p.get(f), bad, rec);
            }
            if (e.has("interval")) {
                for (String f : List.of("lower", "upper", "level")) {
                    num(where, "interval." + f, method, e.path("interval").get(f), p.path("interval").get(f), bad, rec);
                }
            }
            if (e.has("statistic")) {
                JsonNode s = e.get("statistic");
                JsonNode ps = p.path("statistic");
                if (!s.path("name").asText().equals(ps.path("name").asText())) {
                    bad.add(where + ".statistic.name: printed '" + ps.path("name").asText() + "', engine '" + s.path("name").asText() + "'");
                }
                num(where, "statistic.value", method, s.get("value"), ps.get("value"), bad, rec);
                num(where, "statistic.df", method, s.get("df"), ps.get("df"), bad, rec);
            }
            JsonNode ex = e.path("extra");
            JsonNode pex = p.path("extra");
            for (Iterator<Map.Entry<String, JsonNode>> it = ex.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> kv = it.next();
                if (pex.has(kv.getKey())) {
                    num(where, "extra." + kv.getKey(), method, kv.getValue(), pex.get(kv.getKey()), bad, kv.getKey(), rec);
                } else {
                    notes.add(where + ".extra." + kv.getKey() + ": not printed; not compared");
                }
            }
        }
        return new Comparison(bad, notes, checks);
    }

    /** The headline method plus what the spec's options call for (its family's {@code requiredMethods}). */
    static Set<String> requiredMethods(String headline, AnalysisResult engine) {
        Set<String> required = new java.util.HashSet<>();
        required.add(headline);
        AnalysisSpec spec = specOf(engine);
        if (spec != null) {
            required.addAll(Families.of(spec).required(spec));
        }
        return required;
    }

    /** @return the spec recorded in the result's provenance, or null when it has none. */
    private static AnalysisSpec specOf(AnalysisResult engine) {
        if (engine.provenance() == null || engine.provenance().spec() == null || engine.provenance().spec().isNull()) {
            return null;
        }
        return io.cerebro.core.spec.SpecReader.parse(engine.provenance().spec().toString(), true, "recorded in the result's provenance");
    }

    /** Writes down each compared value under one dataset name. */
    private record Recorder(String dataset, List<FieldComparison> checks) {
        void add(String field, Double engine, Double pipeline, Tolerance tol, boolean passed) {
            checks.add(new FieldComparison(dataset, field, engine, pipeline, tol.toString(), passed));
        }
    }

    private static void compareArms(JsonNode ref, JsonNode printed, List<String> bad, Recorder rec) {
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
            boolean sameN = a.path("n").asLong() == p.path("n").asLong(-1);
            rec.add("arms[" + arm + "].n", (double) a.path("n").asLong(), p.path("n").isNumber() ? p.path("n").asDouble() : null,
                    new Tolerance(0, 0, "exact count"), sameN);
            if (!sameN) {
                bad.add("arms[" + arm + "].n: printed " + p.path("n").asText() + ", engine " + a.path("n").asLong());
            }
            for (String f : List.of("mean", "sd")) {
                Double r = value(a.get(f));
                Double v = value(p.get(f));
                if (r != null) {
                    rec.add("arms[" + arm + "]." + f, r, v, Tolerance.SUMMARY, v != null && Tolerance.SUMMARY.accepts(v, r));
                }
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

    private static void num(String where, String field, String method, JsonNode ref, JsonNode printed, List<String> bad,
                            Recorder rec) {
        num(where, field, method, ref, printed, bad, field, rec);
    }

    private static void num(String where, String field, String method, JsonNode ref, JsonNode printed, List<String> bad,
                            String toleranceKey, Recorder rec) {
        Double r = value(ref);
        if (r == null) {
            return;
        }
        Double p = value(printed);
        Tolerance tol = tolerance(method, toleranceKey);
        rec.add(where + "." + field, r, p, tol, p != null && tol.accepts(p, r));
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
