package io.cerebro.core.result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One estimated quantity with its uncertainty: a difference between an arm and control, an
 * average treatment effect, an omnibus test. Fields that do not apply are null.
 *
 * @param label                 what is compared, e.g. {@code treatment vs control}
 * @param method                catalogue method id, e.g. {@code ab.welch}
 * @param estimand              in words, e.g. {@code difference in means (treatment - control)}
 * @param estimate              the point estimate
 * @param standardError         its standard error
 * @param interval              confidence or credible interval
 * @param pValue                unadjusted p-value
 * @param adjustedPValue        p-value adjusted for multiple comparisons
 * @param statistic             the test statistic
 * @param posteriorProbability  Bayesian probability that treatment beats control
 * @param extra                 named method-specific numbers (relative lift and its interval, expected loss, U, ...)
 */
public record Estimate(String label, String method, String estimand, Double estimate, Double standardError,
                       Interval interval, Double pValue, Double adjustedPValue, Statistic statistic,
                       Double posteriorProbability, Map<String, Double> extra) {
    public Estimate {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** @return a builder for an estimate of {@code method} labelled {@code label}. */
    public static Builder builder(String label, String method) {
        return new Builder(label, method);
    }

    /** @return the named extra number, or null. */
    public Double extra(String name) {
        return extra.get(name);
    }

    /** Fluent construction of an {@link Estimate}. */
    public static final class Builder {
        private final String label;
        private final String method;
        private String estimand;
        private Double estimate;
        private Double standardError;
        private Interval interval;
        private Double pValue;
        private Double adjustedPValue;
        private Statistic statistic;
        private Double posteriorProbability;
        private final Map<String, Double> extra = new LinkedHashMap<>();

        private Builder(String label, String method) {
            this.label = label;
            this.method = method;
        }

        public Builder estimand(String v) { this.estimand = v; return this; }
        public Builder estimate(Double v) { this.estimate = v; return this; }
        public Builder standardError(Double v) { this.standardError = v; return this; }
        public Builder interval(Interval v) { this.interval = v; return this; }
        public Builder pValue(Double v) { this.pValue = v; return this; }
        public Builder adjustedPValue(Double v) { this.adjustedPValue = v; return this; }
        public Builder statistic(Statistic v) { this.statistic = v; return this; }
        public Builder posteriorProbability(Double v) { this.posteriorProbability = v; return this; }
        public Builder extra(String name, double value) { this.extra.put(name, value); return this; }

        public Estimate build() {
            return new Estimate(label, method, estimand, estimate, standardError, interval, pValue, adjustedPValue,
                    statistic, posteriorProbability, extra);
        }
    }
}
