/**
 * Agents that improve themselves from their validation outcomes: generation strategies
 * ({@link io.cerebro.agents.improve.Strategy}), the append-only experience store of outcomes across
 * runs ({@link io.cerebro.agents.improve.ExperienceStore}), a per-family bandit over strategies that
 * learns from it with bounded exploration ({@link io.cerebro.agents.improve.StrategySelector}), and
 * prompt evolution that turns failure diagnostics into prompt amendments and keeps those that raise
 * the benchmark's pass rate ({@link io.cerebro.agents.improve.PromptEvolution}).
 */
package io.cerebro.agents.improve;
