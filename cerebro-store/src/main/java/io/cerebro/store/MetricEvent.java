package io.cerebro.store;

import java.time.Instant;

/**
 * One recorded observation of a metric for a unit.
 *
 * @param unit       the unit id
 * @param metric     the metric's name
 * @param value      the value (0 or 1 for a binary metric)
 * @param recordedAt when it was recorded
 */
public record MetricEvent(String unit, String metric, double value, Instant recordedAt) {
}
