/**
 * Refuters: pluggable checks that re-run an estimator on altered data (a permuted placebo treatment,
 * an added random common cause, random subsets, bootstrap resamples) and report the new effect with
 * a p-value, in the manner of DoWhy.
 */
package io.cerebro.core.causal.refute;
