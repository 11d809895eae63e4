package io.cerebro.core.data;

import java.nio.file.Path;
import java.util.Locale;

/** File formats Cerebro reads through DuckDB, chosen by file extension. */
public enum DataFormat {
    CSV, TSV, PARQUET, JSON;

    /** Picks the format from the file name; {@code .gz} is looked through. Unknown extensions read as CSV. */
    public static DataFormat of(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            return PARQUET;
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSON;
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return TSV;
        }
        return CSV;
    }

    /**
     * @return a query whose one value is DuckDB's {@code sniff_csv} prompt for this file (a
     * {@code FROM read_csv(...)} clause with the detected dialect and column types and
     * {@code auto_detect=false}), or null for formats without one
     */
    String sniffSql(String quotedPath, boolean fullSniff) {
        String sampling = fullSniff ? ", sample_size=-1" : "";
        return switch (this) {
            case CSV -> "SELECT Prompt FROM sniff_csv(" + quotedPath + ", header=true" + sampling + ")";
            case TSV -> "SELECT Prompt FROM sniff_csv(" + quotedPath + ", header=true, delim='\\t'" + sampling + ")";
            case PARQUET, JSON -> null;
        };
    }

    /**
     * @param quotedPath  the file path as a SQL string literal
     * @param fullSniff   whether type detection reads the whole file (slower, but never misreads a
     *                    column whose first rows look like integers and later rows do not)
     */
    String readerSql(String quotedPath, boolean fullSniff) {
        String sampling = fullSniff ? ", sample_size=-1" : "";
        return switch (this) {
            case CSV -> "read_csv(" + quotedPath + ", header=true, auto_detect=true" + sampling + ")";
            case TSV -> "read_csv(" + quotedPath + ", header=true, delim='\\t', auto_detect=true" + sampling + ")";
            case PARQUET -> "read_parquet(" + quotedPath + ")";
            case JSON -> "read_json_auto(" + quotedPath + ")";
        };
    }
}
