/** Synthetic control: simplex-constrained donor weights, V-matrix selection, placebo inference and the augmented (ridge) estimator. */
package io.cerebro.core.causal.quasi.synth;
