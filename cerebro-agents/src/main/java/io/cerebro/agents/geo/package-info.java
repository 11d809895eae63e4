/**
 * Pipelines for geo experiments: {@link io.cerebro.agents.geo.GeoAgent} with its offline template
 * and the synthetic panel with a planted lift ({@link io.cerebro.agents.geo.GeoSyntheticPanel}).
 */
package io.cerebro.agents.geo;
