/**
 * Side-by-side benchmarks of Quiver against DuckDB (in-process, over JDBC) on the same files and the same
 * SQL. {@link io.quiver.benchmarks.GroupByBenchmark} runs the db-benchmark (h2oai) groupby questions over
 * a Parquet file written by {@link io.quiver.benchmarks.GroupByDataGenerator}.
 */
package io.quiver.benchmarks;
