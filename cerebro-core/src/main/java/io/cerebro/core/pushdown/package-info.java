/**
 * Pushdown: run the statistics where the rows live. For an A/B test, an OLS regression adjustment
 * or a two-way fixed-effects DiD, SQL generated for the engine's dialect (PostgreSQL, DuckDB, Trino,
 * Spark SQL; {@link io.cerebro.core.pushdown.SqlDialect}) computes the sufficient statistics in the
 * engine, and only those aggregates come back: per arm n, mean, variance and sum, CUPED
 * cross-moments, per-stratum moments, midrank sums; X'X, X'y and cluster score sums.
 *
 * <p>The A/B aggregates feed {@link io.cerebro.core.ab.ABTestEngine#run(io.cerebro.core.spec.ABTestSpec,
 * io.cerebro.core.ab.ArmAggregates)}, the same code that analyses a local file from the aggregates
 * DuckDB computes, so a warehouse and a CSV of the same rows give the same numbers.
 *
 * <p>Numerical choice: second moments come from the engines' own {@code var_samp}/{@code covar_samp}
 * (streaming updates in all four engines: Youngs-Cramer in PostgreSQL, Welford-style in DuckDB,
 * Spark and Trino), never from sum(y^2) - n mean^2, which cancels catastrophically. Regressions use
 * the same moments: the slopes solve the centred normal equations (covariances), the intercept is
 * mean(y) - mean(x)'b, and the sandwich meat is a second pass with the fitted coefficients as
 * literals in the SQL and centred regressors.
 *
 * <p>What needs raw rows: the exact Mann-Whitney test on small arms (at most a few dozen rows per
 * arm) fetches those arms' values; the asymptotic Mann-Whitney and Kruskal-Wallis tests use
 * midrank sums computed in SQL with window functions. Matching, IPW/AIPW and the other
 * observational estimators need rows and are not pushed down: export the columns they read.
 */
package io.cerebro.core.pushdown;
