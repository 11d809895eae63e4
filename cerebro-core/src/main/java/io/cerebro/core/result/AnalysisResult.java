package io.cerebro.core.result;

import io.cerebro.core.CerebroVersion;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.SpecReader;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one analysis, in the stable schema documented in {@code docs/result-schema.json}
 * ({@value #SCHEMA}). Engines and generated pipelines both print it, which is what makes them
 * comparable field by field.
 *
 * <p>The headline ({@code estimate}, {@code standardError}, {@code interval}, {@code pValue},
 * {@code posteriorProbability}) repeats {@code estimates[0]}; {@code estimates} holds every
 * comparison and test that was run.
 *
 * @param schema               schema id, {@value #SCHEMA}
 * @param family               method family: {@code ab}, {@code causal}, ...
 * @param method               the headline method id, e.g. {@code ab.welch}
 * @param estimand             the headline quantity in words
 * @param estimate             headline point estimate
 * @param standardError        headline standard error
 * @param interval             headline interval
 * @param pValue               headline p-value (adjusted when several arms are compared)
 * @param posteriorProbability headline posterior probability (Bayesian tests)
 * @param sampleSizes          rows per arm or group, and {@code total}
 * @param arms                 per-arm summaries
 * @param estimates            every estimate, headline first
 * @param diagnostics          design and assumption checks
 * @param warnings             things the reader must know (a failed SRM check, weak instruments...)
 * @param details              method-specific values (tables, boundaries, weights)
 * @param charts               chart data for reports
 * @param provenance           how to reproduce the result
 * @param insights             plain-language findings ({@code cerebro causal --insights}); null when not asked for
 */
public record AnalysisResult(String schema, String family, String method, String estimand, Double estimate,
                             Double standardError, Interval interval, Double pValue, Double posteriorProbability,
                             Map<String, Long> sampleSizes, List<ArmSummary> arms, List<Estimate> estimates,
                             List<Diagnostic> diagnostics, List<String> warnings, Map<String, Object> details,
                             List<Chart> charts, Provenance provenance, List<Insight> insights) {
    /** The schema id written into every result. */
    public static final String SCHEMA = "cerebro.result/1";

    public AnalysisResult {
        sampleSizes = sampleSizes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sampleSizes));
        arms = arms == null ? List.of() : List.copyOf(arms);
        estimates = estimates == null ? List.of() : List.copyOf(estimates);
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        charts = charts == null ? List.of() : List.copyOf(charts);
        insights = insights == null ? null : List.copyOf(insights);
    }

    /** A result without insights (the form every engine builds). */
    public AnalysisResult(String schema, String family, String method, String estimand, Double estimate,
                          Double standardError, Interval interval, Double pValue, Double posteriorProbability,
                          Map<String, Long> sampleSizes, List<ArmSummary> arms, List<Estimate> estimates,
                          List<Diagnostic> diagnostics, List<String> warnings, Map<String, Object> details,
                          List<Chart> charts, Provenance provenance) {
        this(schema, family, method, estimand, estimate, standardError, interval, pValue, posteriorProbability, sampleSizes,
                arms, estimates, diagnostics, warnings, details, charts, provenance, null);
    }

    /** @return this result with {@code insights} attached (replacing any it had). */
    public AnalysisResult withInsights(List<Insight> insights) {
        return new AnalysisResult(schema, family, method, estimand, estimate, standardError, interval, pValue,
                posteriorProbability, sampleSizes, arms, estimates, diagnostics, warnings, details, charts, provenance, insights);
    }

    /** @return this result with one more detail (or {@code key} replaced). */
    public AnalysisResult withDetail(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put(key, value);
        return new AnalysisResult(schema, family, method, estimand, estimate, standardError, interval, pValue,
                posteriorProbability, sampleSizes, arms, estimates, diagnostics, warnings, d, charts, provenance, insights);
    }

    /** @return the estimate with this label and method, or null. */
    public Estimate find(String label, String method) {
        for (Estimate e : estimates) {
            if (e.label().equals(label) && e.method().equals(method)) {
                return e;
            }
        }
        return null;
    }

    /** @return the first estimate of this method, or null. */
    public Estimate find(String method) {
        for (Estimate e : estimates) {
            if (e.method().equals(method)) {
                return e;
            }
        }
        return null;
    }

    /** @return a builder for a result of the given family and headline method. */
    public static Builder builder(String family, String method) {
        return new Builder(family, method);
    }

    /** Assembles a result; the headline is taken from the first estimate added. */
    public static final class Builder {
        private final String family;
        private final String method;
        private String estimand;
        private final Map<String, Long> sampleSizes = new LinkedHashMap<>();
        private final List<ArmSummary> arms = new ArrayList<>();
        private final List<Estimate> estimates = new ArrayList<>();
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, Object> details = new LinkedHashMap<>();
        private final List<Chart> charts = new ArrayList<>();
        private Provenance provenance;

        private Builder(String family, String method) {
            this.family = family;
            this.method = method;
        }

        public Builder estimand(String v) { this.estimand = v; return this; }
        public Builder sampleSize(String group, long n) { sampleSizes.put(group, n); return this; }
        public Builder arm(ArmSummary a) { arms.add(a); return this; }
        public Builder estimate(Estimate e) { estimates.add(e); return this; }
        public Builder diagnostic(Diagnostic d) { diagnostics.add(d); return this; }
        public Builder warning(String w) { warnings.add(w); return this; }
        public Builder detail(String key, Object value) {
            // Map.of's order changes from run to run: an unordered map is written in key order so output is reproducible
            details.put(key, value instanceof Map<?, ?> m && !(m instanceof java.util.LinkedHashMap) && !(m instanceof java.util.SortedMap)
                    && m.keySet().stream().allMatch(k -> k instanceof String) ? new java.util.TreeMap<>(m) : value);
            return this;
        }
        public Builder chart(Chart c) { charts.add(c); return this; }
        public Builder provenance(Provenance p) { this.provenance = p; return this; }

        /** Records provenance for a run of {@code engine} on {@code spec} and {@code data}. */
        public Builder provenance(AnalysisSpec spec, Dataset data, Class<?> engine, Long seed) {
            this.provenance = new Provenance(CerebroVersion.get(), engine.getName(), SpecReader.toTree(spec),
                    data.source(), data.sha256(), data.rowCount(), seed, Runtime.version().toString(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            return this;
        }

        public AnalysisResult build() {
            if (estimates.isEmpty()) {
                throw new IllegalStateException("a result needs at least one estimate");
            }
            Estimate h = estimates.get(0);
            Double p = h.adjustedPValue() != null ? h.adjustedPValue() : h.pValue();
            return new AnalysisResult(SCHEMA, family, method, estimand != null ? estimand : h.estimand(), h.estimate(),
                    h.standardError(), h.interval(), p, h.posteriorProbability(), sampleSizes, arms, estimates,
                    diagnostics, warnings, details, charts, provenance);
        }
    }
}
