package io.cerebro.core.pushdown;

import java.util.List;

/**
 * An engine that runs SQL and returns small results: the pushdown sends it aggregation queries only.
 * Implementations: {@link JdbcEngine} (PostgreSQL, DuckDB, Trino, the Spark Thrift server) and, in
 * module cerebro-spark, an in-process SparkSession.
 */
public interface SqlEngine extends AutoCloseable {
    /** @return the dialect to generate SQL in. */
    SqlDialect dialect();

    /**
     * Runs {@code sql} and returns every row; values are {@link Number}, {@link String}, {@link Boolean}
     * or null.
     *
     * @throws io.cerebro.core.error.UserInputException when the engine rejects the query (a missing
     *                                                  column or table, a type error), with its message
     */
    List<Object[]> rows(String sql);

    /** @return where the data is, for provenance and messages (never a password). */
    String describe();

    @Override
    void close();
}
