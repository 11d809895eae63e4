/**
 * The causal inference agent: offline pipeline templates (regression adjustment, IPW, AIPW,
 * propensity-score matching with replacement, 2x2 difference-in-differences, two-stage least
 * squares), the guidance an LLM gets, and the synthetic data with a planted effect on which every
 * causal pipeline is validated a second time.
 */
package io.cerebro.agents.causal;
