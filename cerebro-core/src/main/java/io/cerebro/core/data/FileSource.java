package io.cerebro.core.data;

import io.cerebro.core.error.UserInputException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Where the rows of a file-backed dataset come from, and the one statement that reads them: the
 * reader with its detected dialect, how each column is parsed ({@link ColumnTyping}), the column
 * projection and the row filter. A read that finds a value the sampled types cannot hold exactly
 * types the columns from the whole file and reads again.
 */
final class FileSource {
    private static final String SUPPORTED = " (supported: .csv, .tsv, .parquet, .json/.jsonl, optionally gzipped)";

    final Path path;
    final DataFormat format;
    private final String literal;
    /** Null for Parquet and JSON, which carry their types, and for CSV read by DuckDB's own detection. */
    private final FormatSniffer.CsvLayout layout;
    private final String projection;
    private final String filter;
    private List<ColumnTyping.ColumnPlan> plans;
    private String reader;
    private boolean wholeFileTypes;
    private List<String> fileColumns;

    private FileSource(Path path, DataFormat format, String literal, FormatSniffer.CsvLayout layout, String projection, String filter) {
        this.path = path;
        this.format = format;
        this.literal = literal;
        this.layout = layout;
        this.projection = projection;
        this.filter = filter;
    }

    /**
     * Sniffs a file and prepares the read of the wanted columns; reads no rows.
     *
     * @return the source, which knows every column of the file (for messages that list what exists)
     */
    static FileSource open(Connection conn, Path path, ReadOptions options) throws SQLException {
        DataFormat format = DataFormat.of(path);
        String literal = Sql.literal(path.toAbsolutePath().toString());
        FormatSniffer.CsvLayout layout = FormatSniffer.sniff(conn, format, path, literal, options.dialect());
        String filter = options.hasFilter() ? " WHERE " + options.where() : "";
        FileSource probe = new FileSource(path, format, literal, layout, "*", "");
        probe.setPlans(layout == null ? null : ColumnTyping.fromSample(layout));
        List<String> names = Sql.describe(conn, probe.select()).stream().map(ColumnInfo::name).toList();
        FileSource src = new FileSource(path, format, literal, layout, projection(names, options.columns()), filter);
        src.fileColumns = names;
        src.setPlans(probe.plans);
        return src;
    }

    private void setPlans(List<ColumnTyping.ColumnPlan> p) {
        plans = p;
        if (layout == null) {
            reader = format.readerSql(literal, false);
        } else {
            Map<String, String> types = new LinkedHashMap<>();
            p.forEach(c -> types.put(c.name(), c.readType()));
            reader = layout.reader(types);
        }
    }

    private static String projection(List<String> fileColumns, Collection<String> wanted) {
        if (wanted == null) {
            return "*";
        }
        List<String> keep = fileColumns.stream().filter(wanted::contains).map(Sql::quote).toList();
        return keep.isEmpty() ? "*" : String.join(", ", keep);
    }

    /** @return every column name of the file, in file order. */
    List<String> fileColumns() {
        return fileColumns;
    }

    /** @return the SELECT that yields the dataset's rows from the file. */
    String select() {
        return "SELECT " + projection + " FROM " + typedRows() + filter;
    }

    /** Every column of the file, parsed and checked. */
    private String typedRows() {
        if (plans == null) {
            return reader;
        }
        String cols = plans.stream().map(c -> c.expression() + " AS " + Sql.quote(c.name())).collect(Collectors.joining(", "));
        return "(SELECT " + cols + " FROM " + reader + ") AS cerebro_file";
    }

    /** @return the columns the dataset has (after the projection), as typed now. */
    List<ColumnInfo> columns(Connection conn) throws SQLException {
        return Sql.describe(conn, select());
    }

    /**
     * Runs one statement that reads the rows (given the SELECT that yields them). When a value does
     * not fit the types sniffed from the first rows, types every column from the whole file and
     * runs it again; a file that still cannot be read is a user error.
     *
     * @return whether the columns were retyped (the caller describes them again)
     */
    boolean read(Connection conn, UnaryOperator<String> statement) {
        try {
            try (Statement st = conn.createStatement()) {
                st.execute(statement.apply(select()));
                return false;
            } catch (SQLException first) {
                if (wholeFileTypes || Sql.isBinderError(first)) {
                    throw first;
                }
                retype(conn);
                try (Statement st = conn.createStatement()) {
                    st.execute(statement.apply(select()));
                }
                return true;
            }
        } catch (SQLException e) {
            if (Sql.isBinderError(e)) {
                throw new IllegalStateException("DuckDB query failed: " + Sql.firstLine(e.getMessage()), e);
            }
            throw new UserInputException("cannot read " + path + " as " + format + ": " + Sql.firstLine(e.getMessage()) + SUPPORTED);
        }
    }

    /** Types the columns from every row of the file. */
    private void retype(Connection conn) throws SQLException {
        wholeFileTypes = true;
        if (layout != null) {
            setPlans(ColumnTyping.fromWholeFile(conn, layout));
        } else {
            reader = format.readerSql(literal, true);
        }
    }

    /**
     * @return the 1-based data row (header not counted) and the text of the first value of a column
     * that is present but not a number, among the rows the filter keeps; empty when there is none
     * or the column is not in the file
     */
    Optional<Dataset.BadValue> firstNonNumber(Connection conn, String column) {
        String v = "CAST(" + Sql.quote(column) + " AS VARCHAR)";
        String number = layout != null ? layout.numberFromText(v) : "TRY_CAST(" + v + " AS DOUBLE)";
        String keep = filter.isEmpty() ? "true" : "coalesce((" + filter.substring(" WHERE ".length()) + "), false)";
        String sql = "SELECT " + v + " IS NOT NULL AND " + number + " IS NULL AND " + keep + ", " + v + " FROM " + typedRows();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            long row = 0;
            while (rs.next()) {
                row++;
                if (rs.getBoolean(1)) {
                    return Optional.of(new Dataset.BadValue(column, row, rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
