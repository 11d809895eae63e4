/** Regression discontinuity: local polynomial estimation with rdrobust's MSE-optimal bandwidth, robust bias-corrected inference and design diagnostics. */
package io.cerebro.core.causal.quasi.rdd;
