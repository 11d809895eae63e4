package io.cerebro.core.data;

import java.util.Collection;
import java.util.List;

/**
 * What {@link Dataset#readWith(java.nio.file.Path, ReadOptions)} keeps of a file and how it parses it.
 *
 * @param where   a DuckDB SQL boolean expression over the file's columns, e.g. {@code country = 'US'};
 *                null or blank keeps every row
 * @param columns the columns to load, or null for all; DuckDB then converts only those while it
 *                parses (several times faster on a wide ten-million-row CSV). Names not in the file
 *                are ignored here: the spec validator reports them
 * @param dialect delimiter, decimal separator and missing-value markers of CSV/TSV files
 */
public record ReadOptions(String where, Collection<String> columns, CsvDialect dialect) {
    public ReadOptions {
        columns = columns == null ? null : List.copyOf(columns);
        dialect = dialect == null ? CsvDialect.DETECT : dialect;
    }

    /** Every row and column, dialect detected. */
    public static ReadOptions all() {
        return new ReadOptions(null, null, CsvDialect.DETECT);
    }

    /** @return these options with a row filter. */
    public ReadOptions withWhere(String w) {
        return new ReadOptions(w, columns, dialect);
    }

    /** @return these options keeping only some columns (null for all). */
    public ReadOptions withColumns(Collection<String> c) {
        return new ReadOptions(where, c, dialect);
    }

    /** @return these options with another CSV dialect. */
    public ReadOptions withDialect(CsvDialect d) {
        return new ReadOptions(where, columns, d);
    }

    boolean hasFilter() {
        return where != null && !where.isBlank();
    }
}
