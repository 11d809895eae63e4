package io.cerebro.core.data;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds how a CSV or TSV file is written: DuckDB's {@code sniff_csv} detects the delimiter, quoting,
 * line ends, header and column types from a sample; this class adds what it does not detect, a
 * decimal comma, and pins RFC 4180 quoting when the sample held no quotes (so that a quoted field
 * with a delimiter or a line break further down is still read as one field).
 */
final class FormatSniffer {
    /** Rows of the sample that detection looks at (DuckDB's default sample size). */
    static final int SAMPLE_ROWS = 20_480;

    /**
     * A number written with a decimal comma and optional dots between groups of three digits:
     * {@code 3,5}, {@code -12}, {@code 1.234,56}, {@code 1.234.567}.
     */
    static final String DECIMAL_COMMA_NUMBER = "\\s*[+-]?([0-9]{1,3}(\\.[0-9]{3})+|[0-9]+)(,[0-9]+)?\\s*";

    private FormatSniffer() {
    }

    /**
     * What a delimited file looks like.
     *
     * @param literal             the file path as a SQL literal
     * @param options             the reader options DuckDB detected (delimiter, quote, escape, line end,
     *                            skip, date formats), as {@code key=value} SQL, without the columns
     * @param sniffed             the columns with the types detected from the sample
     * @param decimal             the decimal separator
     * @param missing             the missing-value markers
     * @param decimalCommaColumns text columns (as sniffed) whose sample values are all numbers written
     *                            with a decimal comma and thousands dots, which DuckDB does not parse
     */
    record CsvLayout(String literal, List<String> options, List<ColumnInfo> sniffed, char decimal, List<String> missing,
                     Set<String> decimalCommaColumns) {

        /** @return a {@code read_csv} call with these options and the given type per column, in file order. */
        String reader(Map<String, String> types) {
            StringBuilder cols = new StringBuilder("{");
            for (ColumnInfo c : sniffed) {
                if (cols.length() > 1) {
                    cols.append(", ");
                }
                cols.append(Sql.literal(c.name())).append(": ").append(Sql.literal(types.getOrDefault(c.name(), c.sqlType())));
            }
            cols.append('}');
            StringBuilder b = new StringBuilder("read_csv(").append(literal).append(", auto_detect=false");
            for (String o : options) {
                b.append(", ").append(o);
            }
            b.append(", header=true, columns=").append(cols).append(", nullstr=").append(nullList(missing));
            if (decimal == ',') {
                b.append(", decimal_separator=','");
            }
            return b.append(')').toString();
        }

        /** @return a reader that yields every column as the text in the file (missing markers as null). */
        String textReader() {
            Map<String, String> t = new LinkedHashMap<>();
            sniffed.forEach(c -> t.put(c.name(), "VARCHAR"));
            return reader(t);
        }

        /** @return SQL that turns the text {@code v} of a cell into the number it writes, or null when it is not one. */
        String numberFromText(String v) {
            if (decimal == ',') {
                return "TRY_CAST(CASE WHEN regexp_full_match(" + v + ", " + Sql.literal(DECIMAL_COMMA_NUMBER) + ") THEN replace(replace(trim("
                        + v + "), '.', ''), ',', '.') END AS DOUBLE)";
            }
            return "TRY_CAST(" + v + " AS DOUBLE)";
        }
    }

    /**
     * @return the layout of a CSV/TSV file, or null for other formats and for a file whose sniffed
     * options cannot be read back (the auto-detecting reader then reports what is wrong)
     */
    static CsvLayout sniff(Connection conn, DataFormat format, Path path, String literal, CsvDialect dialect) {
        if (format != DataFormat.CSV && format != DataFormat.TSV) {
            return null;
        }
        Character delim = dialect.delimiter() != null ? dialect.delimiter() : format == DataFormat.TSV ? Character.valueOf('\t') : null;
        char decimal = dialect.decimalSeparator() != null ? dialect.decimalSeparator() : '.';
        CsvLayout layout = sniffWith(conn, path, literal, delim, decimal, dialect.missing());
        if (layout == null) {
            return null;
        }
        if (dialect.decimalSeparator() == null && !",".equals(option(layout, "delim")) && hasDecimalCommas(conn, layout)) {
            CsvLayout comma = sniffWith(conn, path, literal, delim, ',', dialect.missing());
            if (comma != null) {
                layout = comma;
            }
        }
        if (layout.decimal() == ',') {
            layout = new CsvLayout(layout.literal(), layout.options(), layout.sniffed(), ',', layout.missing(),
                    decimalCommaColumns(conn, layout));
        }
        return layout;
    }

    private static CsvLayout sniffWith(Connection conn, Path path, String literal, Character delim, char decimal, List<String> missing) {
        StringBuilder sql = new StringBuilder("SELECT Prompt FROM sniff_csv(").append(literal).append(", header=true");
        if (delim != null) {
            sql.append(", delim=").append(delim == '\t' ? "'\\t'" : Sql.literal(String.valueOf(delim)));
        }
        if (decimal == ',') {
            sql.append(", decimal_separator=','");
        }
        sql.append(", nullstr=").append(nullList(missing)).append(')');
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            // the prompt repeats the path unquoted: keep only the options after it, behind our own literal
            String head = "FROM read_csv('" + path.toAbsolutePath() + "'";
            if (!rs.next()) {
                return null;
            }
            String prompt = rs.getString(1).strip();
            if (!prompt.startsWith(head) || !prompt.endsWith(");")) {
                return null;
            }
            String prompted = "read_csv(" + literal + prompt.substring(head.length(), prompt.length() - 1);
            List<ColumnInfo> sniffed = Sql.describe(conn, "SELECT * FROM " + prompted);
            List<String> options = new ArrayList<>();
            boolean quoted = false;
            for (String o : splitTopLevel(prompt.substring(head.length(), prompt.length() - 2))) {
                String key = o.contains("=") ? o.substring(0, o.indexOf('=')).strip() : o.strip();
                switch (key) {
                    case "", "auto_detect", "columns", "nullstr", "decimal_separator", "header" -> {
                    }
                    case "quote" -> {
                        // no quote in the sample: still read a quoted field further down as one field (RFC 4180)
                        options.add(o.strip().equals("quote=''") ? "quote='\"'" : o.strip());
                        quoted = true;
                    }
                    case "escape" -> options.add(o.strip().equals("escape=''") ? "escape='\"'" : o.strip());
                    default -> options.add(o.strip());
                }
            }
            if (!quoted) {
                options.add("quote='\"'");
            }
            CsvLayout layout = new CsvLayout(literal, List.copyOf(options), List.copyOf(sniffed), decimal, missing, Set.of());
            Sql.describe(conn, "SELECT * FROM " + layout.reader(Map.of())); // binds: an option that does not parse falls back
            return layout;
        } catch (SQLException e) {
            return null;
        }
    }

    private static String option(CsvLayout l, String key) {
        for (String o : l.options()) {
            if (o.startsWith(key + "=")) {
                String v = o.substring(key.length() + 1).strip();
                return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1).replace("''", "'") : v;
            }
        }
        return null;
    }

    /** Whether some text column of the sample holds only numbers with decimal commas (and at least one comma). */
    private static boolean hasDecimalCommas(Connection conn, CsvLayout layout) {
        return !commaColumns(conn, layout, true).isEmpty();
    }

    private static Set<String> decimalCommaColumns(Connection conn, CsvLayout layout) {
        return commaColumns(conn, layout, false);
    }

    /**
     * @param needComma whether a column qualifies only with a comma in its sample (detection) or with
     *                  any number of this form (the separator is known: {@code 1.234} is then 1234)
     */
    private static Set<String> commaColumns(Connection conn, CsvLayout layout, boolean needComma) {
        List<ColumnInfo> text = layout.sniffed().stream().filter(c -> c.type() == ColumnType.STRING).toList();
        Set<String> out = new LinkedHashSet<>();
        if (text.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < text.size(); i++) {
            String v = Sql.quote(text.get(i).name());
            sql.append(i > 0 ? ", " : "").append("count(*) FILTER (WHERE ").append(v).append(" IS NOT NULL AND NOT regexp_full_match(")
                    .append(v).append(", ").append(Sql.literal(DECIMAL_COMMA_NUMBER)).append(")), count(*) FILTER (WHERE contains(")
                    .append(v).append(", ',')), count(").append(v).append(")");
        }
        sql.append(" FROM (SELECT * FROM ").append(layout.textReader()).append(" LIMIT ").append(SAMPLE_ROWS).append(")");
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < text.size(); i++) {
                long notNumbers = rs.getLong(3 * i + 1);
                long commas = rs.getLong(3 * i + 2);
                long values = rs.getLong(3 * i + 3);
                if (notNumbers == 0 && values > 0 && (!needComma || commas > 0)) {
                    out.add(text.get(i).name());
                }
            }
        } catch (SQLException e) {
            // the sample does not read as text: nothing to detect, the read reports the problem
        }
        return out;
    }

    private static String nullList(List<String> missing) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < missing.size(); i++) {
            b.append(i > 0 ? ", " : "").append(Sql.literal(missing.get(i)));
        }
        return b.append(']').toString();
    }

    /** Splits {@code , a=1, b={'x': 'y'}, c='p,q'} at the commas outside quotes and brackets. */
    static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inQuote = false;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (inQuote) {
                cur.append(ch);
                if (ch == '\'') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        cur.append(s.charAt(++i));
                    } else {
                        inQuote = false;
                    }
                }
                continue;
            }
            switch (ch) {
                case '\'' -> {
                    inQuote = true;
                    cur.append(ch);
                }
                case '{', '[', '(' -> {
                    depth++;
                    cur.append(ch);
                }
                case '}', ']', ')' -> {
                    depth--;
                    cur.append(ch);
                }
                case ',' -> {
                    if (depth == 0) {
                        out.add(cur.toString());
                        cur.setLength(0);
                    } else {
                        cur.append(ch);
                    }
                }
                default -> cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
