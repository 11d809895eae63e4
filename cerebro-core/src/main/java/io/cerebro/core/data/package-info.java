/**
 * Datasets: files read by embedded DuckDB into typed, immutable tables, with SQL aggregation for
 * large inputs and cached column materialisation for methods that need the rows.
 */
package io.cerebro.core.data;
