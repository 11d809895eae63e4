package io.cerebro.store;

/**
 * One assigned unit's value of one metric, as the analysis reads it (see {@link MetricKind}).
 *
 * @param unit    the unit id
 * @param variant its variant
 * @param stratum its stratum, or null
 * @param value   its metric value (0 when it has no event)
 */
public record UnitOutcome(String unit, String variant, String stratum, double value) {
}
