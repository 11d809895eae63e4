package io.cerebro.core.pushdown;

import java.util.Locale;

/**
 * What differs between the SQL engines the pushdown targets. All four have {@code var_samp},
 * {@code covar_samp}, {@code avg}, window aggregates with a {@code ROWS} frame and {@code NULLS LAST};
 * they differ in identifier quoting, the names of the double and text types, the NaN test and the
 * escaping of string literals.
 */
public enum SqlDialect {
    /** PostgreSQL: "quoted" identifiers, {@code double precision}, NaN compares equal to 'NaN'. */
    POSTGRESQL('"', "DOUBLE PRECISION", "TEXT"),
    /** DuckDB: "quoted" identifiers, {@code isnan}. */
    DUCKDB('"', "DOUBLE", "VARCHAR"),
    /** Trino: "quoted" identifiers, {@code is_nan}. */
    TRINO('"', "DOUBLE", "VARCHAR"),
    /** Spark SQL: `backquoted` identifiers, {@code STRING}, {@code isnan}, backslash escapes in literals. */
    SPARK('`', "DOUBLE", "STRING");

    private final char quote;
    private final String doubleType;
    private final String textType;

    SqlDialect(char quote, String doubleType, String textType) {
        this.quote = quote;
        this.doubleType = doubleType;
        this.textType = textType;
    }

    /** @return the identifier quoted for this engine (a quote inside it doubled). */
    public String quote(String identifier) {
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /** @return a table name, possibly schema- or catalog-qualified ({@code a.b.c}), each part quoted. */
    public String table(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(quote(part));
        }
        return sb.toString();
    }

    /** @return {@code expr} as a double. */
    public String asDouble(String expr) {
        return "CAST(" + expr + " AS " + doubleType + ")";
    }

    /** @return {@code expr} as text. */
    public String asText(String expr) {
        return "CAST(" + expr + " AS " + textType + ")";
    }

    /** @return true where the double {@code expr} is NaN (null stays null). */
    public String isNan(String expr) {
        return switch (this) {
            case POSTGRESQL -> "(" + expr + " = CAST('NaN' AS DOUBLE PRECISION))";
            case TRINO -> "is_nan(" + expr + ")";
            case DUCKDB, SPARK -> "isnan(" + expr + ")";
        };
    }

    /** @return a string literal. */
    public String literal(String value) {
        String v = this == SPARK ? value.replace("\\", "\\\\").replace("'", "\\'") : value.replace("'", "''");
        return "'" + v + "'";
    }

    /** @return a double literal that reads back as exactly {@code v} (Java's shortest round-trip decimal, cast to double). */
    public String literal(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        return asDouble(Double.toString(v));
    }

    /** @return the dialect of a JDBC URL ({@code jdbc:postgresql:}, {@code jdbc:duckdb:}, {@code jdbc:trino:}, {@code jdbc:hive2:}). */
    public static SqlDialect ofUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (u.startsWith("jdbc:duckdb:")) {
            return DUCKDB;
        }
        if (u.startsWith("jdbc:trino:")) {
            return TRINO;
        }
        if (u.startsWith("jdbc:hive2:") || u.startsWith("jdbc:spark:")) {
            return SPARK;
        }
        return null;
    }
}
