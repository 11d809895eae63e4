package io.cerebro.core.data;

/**
 * One column of a dataset's schema.
 *
 * @param name    the column name as it appears in the file header
 * @param type    the simplified logical type
 * @param sqlType the DuckDB type it was read as (e.g. {@code BIGINT}, {@code VARCHAR})
 */
public record ColumnInfo(String name, ColumnType type, String sqlType) {
    @Override
    public String toString() {
        return name + " (" + sqlType + ")";
    }
}
