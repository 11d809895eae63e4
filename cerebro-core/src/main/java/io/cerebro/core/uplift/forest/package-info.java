/**
 * The honest causal forest of Athey, Tibshirani and Wager (2019, "Generalized random forests"):
 * orthogonalised outcomes and treatments, half-sampled little bags of trees, honest trees (one half
 * of each subsample places the splits, the other estimates the leaves), the gradient-based split
 * criterion, and the little-bags variance that gives every effect a standard error.
 */
package io.cerebro.core.uplift.forest;
