package io.cerebro.store;

import java.time.Instant;
import java.util.List;

/**
 * An experiment as stored: its design (variants, metrics, sequential test, thresholds) and its status.
 *
 * @param name          unique name
 * @param salt          the secret mixed into the assignment hash; fixed at creation so assignment is the same on every machine
 * @param status        where it is in its life
 * @param variants      arms in the order given; the first is the control
 * @param metrics       metrics in the order given; the first is the primary metric
 * @param hypothesis    what the experiment is meant to show (may be null)
 * @param strata        the unit attribute assignment balances on (may be null)
 * @param sequential    the test used while it runs
 * @param alpha         significance level
 * @param power         target power for the planned sample size and sample-size statements
 * @param minSamples    units per variant before any stopping decision
 * @param plannedSamples units per variant the experiment is planned to reach (the horizon of the futility check), or
 *                      null: then the power engine's sample size for {@code mde}, if set
 * @param mde           minimum detectable effect (absolute difference) of the primary metric, or null
 * @param minEffect     smallest effect worth shipping: success needs at least this difference, or null
 * @param futilityPower conditional power below which the experiment is stopped for futility
 * @param createdAt     when it was created
 * @param updatedAt     when it last changed
 */
public record Experiment(String name, String salt, ExperimentStatus status, List<Variant> variants,
                         List<MetricDefinition> metrics, String hypothesis, String strata, SequentialTest sequential,
                         double alpha, double power, long minSamples, Long plannedSamples, Double mde, Double minEffect,
                         double futilityPower, Instant createdAt, Instant updatedAt) {
    public Experiment {
        variants = List.copyOf(variants);
        metrics = List.copyOf(metrics);
    }

    /** @return the control variant: the first one. */
    public Variant control() {
        return variants.get(0);
    }

    /** @return the metric of that name, if the experiment has it. */
    public java.util.Optional<MetricDefinition> metric(String metricName) {
        return metrics.stream().filter(m -> m.name().equals(metricName)).findFirst();
    }

    /** @return the same experiment with another status. */
    public Experiment withStatus(ExperimentStatus s, Instant at) {
        return new Experiment(name, salt, s, variants, metrics, hypothesis, strata, sequential, alpha, power,
                minSamples, plannedSamples, mde, minEffect, futilityPower, createdAt, at);
    }

    /** @return the same experiment with another allocation. */
    public Experiment withVariants(List<Variant> v, Instant at) {
        return new Experiment(name, salt, status, v, metrics, hypothesis, strata, sequential, alpha, power,
                minSamples, plannedSamples, mde, minEffect, futilityPower, createdAt, at);
    }
}
