/**
 * Datasets: files read by embedded DuckDB into typed, immutable tables (on first need, so that an
 * engine content with a grouped summary reads a large file once, straight into the summary), with
 * SQL aggregation for large inputs and cached column materialisation for methods that need the rows.
 *
 * <p>{@link io.cerebro.core.data.Dataset} is the public face; {@link io.cerebro.core.data.ReadOptions}
 * and {@link io.cerebro.core.data.CsvDialect} say what to read and how a delimited file is written.
 * Inside, each role has its class: {@code FormatSniffer} detects a CSV's dialect (with decimal
 * commas), {@code ColumnTyping} chooses how each column is parsed so that no value is changed
 * (rounded) on the way in, {@code FileSource} holds the one DuckDB read of a file and re-types it
 * from the whole file when a sampled type does not fit, and {@code ColumnSummaries} answers the
 * per-column questions (missing counts, means, levels, materialised columns).
 */
package io.cerebro.core.data;
