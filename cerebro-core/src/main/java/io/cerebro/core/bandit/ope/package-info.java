/**
 * Off-policy evaluation of logged bandit feedback: the value a deterministic target policy would have
 * earned on the logged contexts, by inverse propensity scoring (IPS), self-normalised IPS (SNIPS)
 * and doubly robust (DR) estimation with a per-arm least-squares reward model on the context, each
 * with a standard error and a normal 95% interval; plus the logging policy's own value, the
 * effective sample size and the largest importance weights.
 */
package io.cerebro.core.bandit.ope;
