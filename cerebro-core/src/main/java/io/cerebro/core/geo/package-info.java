/**
 * Geo experiments: the panel of locations and periods ({@link io.cerebro.core.geo.GeoPanel}), the
 * fixed-effect and ridge-augmented synthetic controls on the treated locations' mean
 * ({@link io.cerebro.core.geo.GeoEstimator}), conformal inference for the average effect
 * ({@link io.cerebro.core.geo.ConformalInference}), the engine ({@link io.cerebro.core.geo.GeoEngine})
 * and the family descriptor.
 */
package io.cerebro.core.geo;
