/**
 * The parameter space of a study: integer, float and categorical parameters, with log scale, step
 * and an optional condition on another parameter, and the map between a configuration and a point
 * of the unit cube that every sampler works in (log parameters are warped to log scale there).
 */
package io.cerebro.core.tune.space;
