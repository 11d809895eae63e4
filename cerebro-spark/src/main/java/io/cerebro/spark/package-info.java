/**
 * Spark SQL as a pushdown engine: {@link io.cerebro.spark.SparkSqlEngine} runs the aggregation
 * queries of {@code io.cerebro.core.pushdown} in a SparkSession (local or on a cluster), so the
 * A/B tests, OLS and TWFE read tables Spark already has (Parquet, Delta, Hive) without exporting rows.
 * A Spark Thrift server is reached instead through {@code --source jdbc:hive2://...}.
 */
package io.cerebro.spark;
