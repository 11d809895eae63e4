/**
 * The study loop (claim a trial from the journal, evaluate it, record it, with K workers) and what
 * is computed from the finished trials: the best trial, the Pareto front, parameter importance.
 */
package io.cerebro.core.tune.study;
