/**
 * The experiment store: one {@link io.cerebro.store.ExperimentStore} interface over experiments,
 * variants, assignments, metric events, stopping decisions, policies (with their audit trail and
 * snapshots) and the Q-table, opened from a location with {@link io.cerebro.store.Stores#open}.
 * An embedded DuckDB file is the default; PostgreSQL serves teams with many writers.
 */
package io.cerebro.store;
