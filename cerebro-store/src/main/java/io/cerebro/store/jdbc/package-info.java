/**
 * The JDBC implementation of the store, shared by DuckDB and PostgreSQL: the SQL is the dialect both
 * speak, and only how connections are obtained differs ({@link io.cerebro.store.jdbc.DuckDbFile},
 * {@link io.cerebro.store.jdbc.PostgresPool}). {@link io.cerebro.store.jdbc.SchemaMigrations} brings a
 * store to the current schema when it is opened.
 */
package io.cerebro.store.jdbc;
