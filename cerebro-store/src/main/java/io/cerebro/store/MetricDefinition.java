package io.cerebro.store;

/**
 * A metric an experiment records and analyses.
 *
 * @param name the name events are recorded under
 * @param kind how a unit's events become one value
 */
public record MetricDefinition(String name, MetricKind kind) {
}
