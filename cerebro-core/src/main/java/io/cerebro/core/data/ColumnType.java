package io.cerebro.core.data;

/** The logical type of a dataset column, as sniffed by DuckDB and simplified for analysis. */
public enum ColumnType {
    /** Integers, decimals and floating point numbers. */
    NUMERIC,
    /** true/false values; read as 0/1 when a number is needed. */
    BOOLEAN,
    /** Text. */
    STRING,
    /** Dates and timestamps. */
    TEMPORAL,
    /** Anything else DuckDB can read (lists, structs, blobs). */
    OTHER;

    /** @return whether the column can be read as numbers (numeric or boolean). */
    public boolean isNumeric() {
        return this == NUMERIC || this == BOOLEAN;
    }

    static ColumnType fromDuckDb(String sqlType) {
        String t = sqlType.toUpperCase(java.util.Locale.ROOT);
        if (t.equals("BOOLEAN")) {
            return BOOLEAN;
        }
        if (t.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT))|FLOAT|DOUBLE|REAL|DECIMAL.*")) {
            return NUMERIC;
        }
        if (t.equals("VARCHAR") || t.startsWith("ENUM")) {
            return STRING;
        }
        if (t.startsWith("DATE") || t.startsWith("TIMESTAMP") || t.startsWith("TIME")) {
            return TEMPORAL;
        }
        return OTHER;
    }
}
