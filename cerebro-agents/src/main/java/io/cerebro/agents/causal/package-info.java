/**
 * The causal inference agent: offline pipeline templates for observational estimators
 * (regression adjustment, inverse probability weighting, AIPW), the guidance an LLM gets, and the
 * synthetic data with a planted effect on which every causal pipeline is validated a second time.
 */
package io.cerebro.agents.causal;
