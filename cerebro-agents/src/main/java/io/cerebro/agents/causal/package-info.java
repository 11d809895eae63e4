/**
 * The causal inference agent: offline pipeline templates for every causal method (regression
 * adjustment, IPW, AIPW, propensity-score and Mahalanobis matching with and without replacement,
 * front-door adjustment, 2x2 and two-way fixed-effects difference-in-differences, event studies,
 * Callaway-Sant'Anna, regression discontinuity, two-stage least squares and synthetic control), the
 * guidance an LLM gets, and the synthetic data with a planted effect on which every causal pipeline is
 * validated a second time. {@link io.cerebro.agents.causal.CausalPipelineWriter} assembles a program;
 * the design-specific parts live in {@code PanelPipelineSection}, {@code RddPipelineSection} and
 * {@code SynthPipelineSection}, their data in {@code PanelSyntheticData}, {@code RddSyntheticData} and
 * {@code SynthSyntheticData}.
 */
package io.cerebro.agents.causal;
