/**
 * Datasets: files read by embedded DuckDB into typed, immutable tables (on first need, so that an
 * engine content with a grouped summary reads a large file once, straight into the summary), with
 * SQL aggregation for large inputs and cached column materialisation for methods that need the rows.
 */
package io.cerebro.core.data;
