/** The A/B testing reference engine: per-arm aggregation in DuckDB, frequentist, Bayesian and sequential tests. */
package io.cerebro.core.ab;
