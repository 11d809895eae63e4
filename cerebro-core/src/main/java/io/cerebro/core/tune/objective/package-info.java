/**
 * Objectives: what a trial evaluates. {@link io.cerebro.core.tune.objective.Objective} is the
 * library interface; {@link io.cerebro.core.tune.objective.CommandObjective} runs a program with the
 * configuration substituted into its argv (no shell), a time limit and repeats.
 */
package io.cerebro.core.tune.objective;
