/** Covariate balance between treated and control units, before and after matching or weighting. */
package io.cerebro.core.causal.balance;
