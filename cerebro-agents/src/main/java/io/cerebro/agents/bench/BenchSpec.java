package io.cerebro.agents.bench;

import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.AnalysisSpec;

import java.util.Locale;
import java.util.Map;

/**
 * One case of the generation benchmark: a spec, the seeded generator of its dataset and the effect
 * planted in it.
 *
 * @param id        unique id, e.g. {@code ab-welch}
 * @param family    the spec's family
 * @param specYaml  the spec as YAML
 * @param spec      the parsed spec
 * @param generator the data generator kind ({@link BenchData})
 * @param params    the generator's parameters
 * @param seed      the generator's seed
 * @param planted   the planted effect and how close the engine must come to it
 */
public record BenchSpec(String id, String family, String specYaml, AnalysisSpec spec, String generator,
                        Map<String, Object> params, long seed, Planted planted) {
    public BenchSpec {
        params = Map.copyOf(params);
    }

    /**
     * The planted effect.
     *
     * @param field     which number of the engine's result ({@link #read})
     * @param value     the planted size
     * @param tolerance the largest absolute difference between the engine's value and the planted one
     *                  that counts as recovered
     * @param why       what the number is, in words
     */
    public record Planted(String field, double value, double tolerance, String why) {
        /**
         * @return the engine's value of {@link #field} in {@code r}, or NaN when it has none: the headline
         * {@code estimate}; {@code estimates[LABEL]} or {@code estimates[LABEL@METHOD]}, the first estimate whose
         * label contains LABEL (and whose method is METHOD); {@code best[LABEL]}, 1 when the estimate labelled
         * LABEL is the largest of the estimates of the first estimate's method, else 0
         */
        public double read(AnalysisResult r) {
            if (field.equals("estimate")) {
                return r.estimate() == null ? Double.NaN : r.estimate();
            }
            if (field.startsWith("estimates[") && field.endsWith("]")) {
                String key = field.substring("estimates[".length(), field.length() - 1);
                String method = key.contains("@") ? key.substring(key.indexOf('@') + 1) : null;
                String label = (method == null ? key : key.substring(0, key.indexOf('@'))).toLowerCase(Locale.ROOT);
                for (Estimate e : r.estimates()) {
                    if (e.label() != null && e.label().toLowerCase(Locale.ROOT).contains(label) && e.estimate() != null
                            && (method == null || method.equals(e.method()))) {
                        return e.estimate();
                    }
                }
                return Double.NaN;
            }
            if (field.startsWith("best[") && field.endsWith("]")) {
                String label = field.substring("best[".length(), field.length() - 1);
                if (r.estimates().isEmpty()) {
                    return Double.NaN;
                }
                String method = r.estimates().get(0).method();
                Estimate best = null;
                for (Estimate e : r.estimates()) {
                    if (java.util.Objects.equals(method, e.method()) && e.estimate() != null
                            && (best == null || e.estimate() > best.estimate())) {
                        best = e;
                    }
                }
                return best == null ? Double.NaN : label.equals(best.label()) ? 1 : 0;
            }
            throw new IllegalArgumentException("planted field must be estimate, estimates[LABEL], estimates[LABEL@METHOD] or best[LABEL], got '"
                    + field + "'");
        }

        /** @return whether {@code observed} lies within the tolerance of the planted value. */
        public boolean recovered(double observed) {
            return Double.isFinite(observed) && Math.abs(observed - value) <= tolerance;
        }
    }
}
