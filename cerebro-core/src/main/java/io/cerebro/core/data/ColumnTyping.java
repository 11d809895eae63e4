package io.cerebro.core.data;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses how each column of a delimited file is parsed so that no value is changed on the way in.
 *
 * <p>DuckDB types columns from a sample of the rows, and its conversion of text to an integer type
 * rounds: a column of integers in the sample with {@code 10.55} further down would be read as
 * {@code 11}, silently. So a column sniffed as integers is parsed as DOUBLE, which holds every
 * integer up to 2<sup>53</sup> and every decimal as the nearest double, and turned back into an
 * integer only where the value is whole and within that range; any other value stops the read
 * with {@link #RETYPE}, and {@link #fromWholeFile} then types every column from all its rows.
 * A decimal-comma column with thousands dots ({@code 1.234,56}), which DuckDB does not parse, is
 * read as text and converted here, stopping the same way on a value of another form.
 */
final class ColumnTyping {
    /** The error text a check raises when a value does not fit the type chosen from the sample. */
    static final String RETYPE = "cerebro-retype";

    /** 2^53: a double below this magnitude is exactly the integer written (2^53 itself may be 2^53 + 1 rounded). */
    private static final String EXACT_DOUBLE_INTEGERS = "9007199254740992";

    private ColumnTyping() {
    }

    /**
     * How one column is read.
     *
     * @param name       the column name
     * @param readType   the type the CSV reader parses it as
     * @param expression the SQL over the parsed value that yields the column (checks included)
     */
    record ColumnPlan(String name, String readType, String expression) {
        static ColumnPlan plain(String name, String type) {
            return new ColumnPlan(name, type, Sql.quote(name));
        }
    }

    /** @return the plans for the types sniffed from a sample, with the checks that keep them exact. */
    static List<ColumnPlan> fromSample(FormatSniffer.CsvLayout layout) {
        List<ColumnPlan> out = new ArrayList<>();
        for (ColumnInfo c : layout.sniffed()) {
            String v = Sql.quote(c.name());
            if (isInteger(c.sqlType())) {
                out.add(new ColumnPlan(c.name(), "DOUBLE", "CASE WHEN " + v + " IS NULL THEN NULL WHEN " + v + " = trunc(" + v
                        + ") AND abs(" + v + ") < " + EXACT_DOUBLE_INTEGERS + " THEN CAST(" + v + " AS " + c.sqlType()
                        + ") ELSE error(" + Sql.literal(RETYPE + " " + c.name()) + ") END"));
            } else if (layout.decimalCommaColumns().contains(c.name())) {
                out.add(new ColumnPlan(c.name(), "VARCHAR", decimalComma(v, true)));
            } else {
                out.add(ColumnPlan.plain(c.name(), c.sqlType()));
            }
        }
        return out;
    }

    /** Text with a decimal comma and thousands dots to DOUBLE; a value of another form stops the read when {@code strict}. */
    private static String decimalComma(String v, boolean strict) {
        return "CASE WHEN " + v + " IS NULL THEN NULL WHEN regexp_full_match(" + v + ", " + Sql.literal(FormatSniffer.DECIMAL_COMMA_NUMBER)
                + ") THEN CAST(replace(replace(trim(" + v + "), '.', ''), ',', '.') AS DOUBLE) ELSE "
                + (strict ? "error(" + Sql.literal(RETYPE + " " + v) + ")" : "NULL") + " END";
    }

    /**
     * Types every column from all its rows, in one pass over the file read as text: integers stay
     * integers when every value is a whole number that fits, numbers become DOUBLE when every
     * value is one, other sniffed types stay when every value converts; all else is text.
     */
    static List<ColumnPlan> fromWholeFile(Connection conn, FormatSniffer.CsvLayout layout) throws SQLException {
        List<ColumnInfo> cols = layout.sniffed();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            String v = Sql.quote(cols.get(i).name());
            String present = v + " IS NOT NULL AND ";
            sql.append(i > 0 ? ", " : "")
                    .append("count(*) FILTER (WHERE ").append(present).append("NOT regexp_full_match(").append(v).append(", '\\s*[+-]?[0-9]+\\s*')), ")
                    .append("count(*) FILTER (WHERE ").append(present).append("TRY_CAST(").append(v).append(" AS BIGINT) IS NULL), ")
                    .append("count(*) FILTER (WHERE ").append(present).append(layout.numberFromText(v)).append(" IS NULL), ")
                    .append("count(*) FILTER (WHERE contains(").append(v).append(", '.')), ")
                    .append("count(*) FILTER (WHERE ").append(present).append(otherTypeFails(cols.get(i), v)).append("), ")
                    .append("count(").append(v).append(")");
        }
        sql.append(" FROM ").append(layout.textReader());
        List<ColumnPlan> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < cols.size(); i++) {
                ColumnInfo c = cols.get(i);
                long notIntegerText = rs.getLong(6 * i + 1);
                long notBigint = rs.getLong(6 * i + 2);
                long notNumber = rs.getLong(6 * i + 3);
                long dots = rs.getLong(6 * i + 4);
                long notSniffedType = rs.getLong(6 * i + 5);
                long values = rs.getLong(6 * i + 6);
                out.add(choose(layout, c, notIntegerText, notBigint, notNumber, dots, notSniffedType, values));
            }
        }
        return out;
    }

    private static ColumnPlan choose(FormatSniffer.CsvLayout layout, ColumnInfo c, long notIntegerText, long notBigint, long notNumber,
                                     long dots, long notSniffedType, long values) {
        String name = c.name();
        boolean numeric = isInteger(c.sqlType()) || c.type() == ColumnType.NUMERIC
                || (layout.decimal() == ',' && c.type() == ColumnType.STRING);
        if (numeric && values > 0) {
            if (notIntegerText == 0 && notBigint == 0 && !(c.type() == ColumnType.STRING)) {
                return ColumnPlan.plain(name, "BIGINT");
            }
            if (notIntegerText == 0) {
                // whole numbers too large for BIGINT: a double would round them, text keeps them
                return ColumnPlan.plain(name, "VARCHAR");
            }
            if (notNumber == 0) {
                return layout.decimal() == ',' && dots > 0
                        ? new ColumnPlan(name, "VARCHAR", decimalComma(Sql.quote(name), false))
                        : ColumnPlan.plain(name, "DOUBLE");
            }
            return ColumnPlan.plain(name, "VARCHAR");
        }
        if (c.type() == ColumnType.STRING || c.type() == ColumnType.NUMERIC) {
            return ColumnPlan.plain(name, "VARCHAR");
        }
        return notSniffedType == 0 ? ColumnPlan.plain(name, c.sqlType()) : ColumnPlan.plain(name, "VARCHAR");
    }

    /** SQL true when the text {@code v} does not convert to the column's sniffed type (for types other than numbers and text). */
    private static String otherTypeFails(ColumnInfo c, String v) {
        if (c.type() == ColumnType.STRING || c.type() == ColumnType.NUMERIC) {
            return "false";
        }
        return "TRY_CAST(" + v + " AS " + c.sqlType() + ") IS NULL";
    }

    static boolean isInteger(String sqlType) {
        return sqlType.toUpperCase(Locale.ROOT).matches("U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)");
    }
}
