/**
 * The A/B testing agent: plans the pipeline for an {@code ABTestSpec} (headline test and
 * companions), writes it from per-test templates when no LLM is configured, guides the LLM
 * otherwise, and writes synthetic A/B data with a planted effect for the validator.
 */
package io.cerebro.agents.ab;
