package io.cerebro.core.data;

import io.cerebro.core.error.UserInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A typed, immutable table held by an embedded DuckDB database.
 *
 * <p>The data is read once into an in-memory DuckDB table named {@value #TABLE}. Engines either
 * aggregate inside DuckDB with {@link #query(String, SqlReader)} (per-arm counts, sums and sums of
 * squares, so ten million rows never cross into Java) or materialise the few columns a method
 * needs with {@link #doubles(String)} and {@link #strings(String)}, which are cached.
 *
 * <p>A file is loaded lazily: opening it only reads its header and sniffs its types, and the rows
 * are read the first time a query needs table {@value #TABLE}. An engine that needs no more than a
 * grouped summary of the rows asks for it with {@link #summarise(String, String)}: before the load
 * that reads the file once, straight into the (small) summary, and the table is never built.
 * Column types come from a sample of the file, and no value is ever changed on the way in: a
 * column of integers in the sample is parsed so that a decimal further down stops the read instead
 * of being rounded (DuckDB's own text-to-integer conversion rounds {@code 10.55} to 11), and the
 * read then types every column from all its rows and runs again, so {@link #columns()} can change
 * on the first pass over the rows (integers with a later decimal become DOUBLE, numbers with a
 * stray word become text, and {@link #firstNonNumber(String)} names the word's row). Delimited
 * files may use any delimiter and a decimal comma ({@link CsvDialect}); {@code NA}, {@code NaN}
 * and empty cells are missing values by default.
 *
 * <p>Open one with {@link #read(Path)}, {@link #readWith(Path, ReadOptions)} or build one in memory with
 * {@link #builder()}. Close it to release the database.
 */
public final class Dataset implements AutoCloseable {
    /** With the environment variable CEREBRO_TRACE_SQL set, every query and its time go to stderr. */
    private static final boolean TRACE = System.getenv("CEREBRO_TRACE_SQL") != null;

    /** The table name SQL given to {@link #query} refers to. */
    public static final String TABLE = "data";

    /** A query mentions the data table when this matches it (false positives only cost a load). */
    private static final Pattern MENTIONS_TABLE = Pattern.compile("(?i)\\b" + TABLE + "\\b");

    private final Connection conn;
    private final String source;
    private volatile List<ColumnInfo> columns;
    private final List<String> sourceColumns;
    private volatile Map<String, ColumnInfo> byName;
    /** Rows after the filter; -1 until known. */
    private volatile long rows;
    /** The file the rows still have to be read from; null once table {@value #TABLE} exists. */
    private FileSource pending;
    /** The file the rows came from (kept after the load, to find a value by its row); null for in-memory data. */
    private final FileSource file;
    private int summaries;
    private final CompletableFuture<String> sha256;
    private final Map<String, Object> cache = new ConcurrentHashMap<>();

    /** A dataset whose table {@value #TABLE} already exists. */
    private Dataset(Connection conn, String source, CompletableFuture<String> sha256) throws SQLException {
        this.conn = conn;
        this.source = source;
        this.sha256 = sha256;
        this.file = null;
        setColumns(Sql.describe(conn, "SELECT * FROM " + TABLE));
        this.sourceColumns = columns.stream().map(ColumnInfo::name).toList();
        this.rows = countRows();
    }

    /** A dataset over a file whose rows are read on first need. */
    private Dataset(Connection conn, String source, CompletableFuture<String> sha256, List<String> sourceColumns,
                    FileSource file, List<ColumnInfo> columns) {
        this.conn = conn;
        this.source = source;
        this.sha256 = sha256;
        this.sourceColumns = List.copyOf(sourceColumns);
        this.pending = file;
        this.file = file;
        this.rows = -1;
        setColumns(columns);
    }

    private void setColumns(List<ColumnInfo> cols) {
        Map<String, ColumnInfo> m = new LinkedHashMap<>();
        cols.forEach(c -> m.put(c.name(), c));
        this.byName = Collections.unmodifiableMap(m);
        this.columns = Collections.unmodifiableList(new ArrayList<>(cols));
    }

    private long countRows() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Reads a CSV, TSV, Parquet or JSON file (chosen by extension) with every row. */
    public static Dataset read(Path path) {
        return readWith(path, ReadOptions.all());
    }

    /**
     * Reads a file, keeping only rows that satisfy a SQL filter.
     *
     * @param path  a .csv, .tsv, .parquet or .json/.jsonl file (optionally .gz)
     * @param where a DuckDB SQL boolean expression over the file's columns, e.g. {@code country = 'US'};
     *              null or blank keeps every row
     * @throws UserInputException when the file is missing or unreadable or the filter is invalid
     */
    public static Dataset read(Path path, String where) {
        return readWith(path, ReadOptions.all().withWhere(where));
    }

    /**
     * Reads a file keeping only some columns: DuckDB then converts only those while it parses, which
     * on a ten-million-row CSV is several times faster than loading every column. The filter may
     * use any column of the file. Columns not in the file are ignored here (the spec validator
     * reports them, listing {@link #sourceColumnNames()}).
     *
     * @param columns the columns to keep, or null for all
     */
    public static Dataset read(Path path, String where, java.util.Collection<String> columns) {
        return readWith(path, ReadOptions.all().withWhere(where).withColumns(columns));
    }

    /**
     * Reads a file with the given filter, columns and CSV dialect (delimiter, decimal separator,
     * missing-value markers). No value is changed on the way in: see the class comment.
     *
     * @throws UserInputException when the file is missing or unreadable, the filter is invalid, or
     *                            a delimiter or decimal separator given does not fit the file
     */
    public static Dataset readWith(Path path, ReadOptions options) {
        if (!Files.exists(path)) {
            throw new UserInputException("data file not found: " + path + " (check the path; it is resolved from "
                    + Path.of("").toAbsolutePath() + ")");
        }
        if (Files.isDirectory(path)) {
            throw new UserInputException("data path is a directory, not a file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new UserInputException("data file is not readable: " + path + " (check its permissions)");
        }
        DataFormat format = DataFormat.of(path);
        CompletableFuture<String> hash = CompletableFuture.supplyAsync(() -> FileDigest.sha256(path));
        Connection conn = Sql.newConnection();
        FileSource file = null;
        try {
            file = FileSource.open(conn, path, options);
            // binding the projection and the filter (without reading rows) reports a bad filter now
            List<ColumnInfo> cols = file.columns(conn);
            return new Dataset(conn, path.toString(), hash, file.fileColumns(), file, cols);
        } catch (SQLException e) {
            Sql.closeQuietly(conn);
            String msg = Sql.firstLine(e.getMessage());
            if (options.hasFilter() && Sql.isBinderError(e) && file != null) {
                throw new UserInputException("the --where filter is not valid SQL over this file's columns: "
                        + msg.replaceFirst("^(Binder|Parser) Error: ", "") + " (filter was: " + options.where() + ")"
                        + "; columns are: " + String.join(", ", file.fileColumns()));
            }
            throw new UserInputException("cannot read " + path + " as " + format + ": " + msg
                    + " (supported: .csv, .tsv, .parquet, .json/.jsonl, optionally gzipped)");
        }
    }

    /**
     * Reads the rows into table {@value #TABLE} now, unless that has happened already; queries do it
     * on first need, so call this only to avoid a {@link #summarise} pass over the file ahead of
     * queries that will load it anyway.
     *
     * @return this dataset
     */
    public Dataset load() {
        ensureLoaded();
        return this;
    }

    /** @return whether table {@value #TABLE} exists (the rows have been read into it). */
    boolean isLoaded() {
        synchronized (conn) {
            return pending == null;
        }
    }

    /** Reads the file's rows into table {@value #TABLE} unless that has happened already. */
    private void ensureLoaded() {
        synchronized (conn) {
            if (pending == null) {
                return;
            }
            long t0 = TRACE ? System.nanoTime() : 0;
            readRows(select -> "CREATE TABLE " + TABLE + " AS " + select);
            pending = null;
            try {
                rows = countRows();
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB query failed: " + Sql.firstLine(e.getMessage()), e);
            }
            if (TRACE) {
                System.err.printf("cerebro: load %.0f ms: %s%n", (System.nanoTime() - t0) / 1e6, source);
            }
        }
    }

    /** Runs one statement that reads the pending file's rows; the columns change when the whole file had to type them. */
    private void readRows(java.util.function.UnaryOperator<String> statement) {
        if (pending.read(conn, statement)) {
            try {
                setColumns(pending.columns(conn));
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB query failed: " + Sql.firstLine(e.getMessage()), e);
            }
        }
    }

    /**
     * Groups the rows into a new temporary table and returns its name: {@code SELECT select,
     * count(*) AS n_rows FROM data GROUP BY groupBy}. Before the data is loaded this reads the file
     * once, straight into the summary, without building table {@value #TABLE}; later queries over
     * the summary (through {@link #query}) do not load it either, since they do not mention it.
     * The dataset learns its row count from the summary's {@code n_rows}.
     *
     * @param select  the grouping expressions with aliases and any aggregates, over the data's columns
     * @param groupBy the grouping expressions or their aliases
     */
    public String summarise(String select, String groupBy) {
        synchronized (conn) {
            String name = "summary_" + (++summaries);
            String body = " SELECT " + select + ", count(*) AS n_rows FROM " + TABLE + " GROUP BY " + groupBy;
            long t0 = TRACE ? System.nanoTime() : 0;
            if (pending != null) {
                readRows(rowsSql -> "CREATE TEMP TABLE " + name + " AS WITH " + TABLE + " AS (" + rowsSql + ")" + body);
            } else {
                try (Statement st = conn.createStatement()) {
                    st.execute("CREATE TEMP TABLE " + name + " AS" + body);
                } catch (SQLException e) {
                    throw new IllegalStateException("DuckDB query failed: " + Sql.firstLine(e.getMessage()) + "\n  " + body, e);
                }
            }
            if (TRACE) {
                System.err.printf("cerebro: summary %.0f ms: %s%n", (System.nanoTime() - t0) / 1e6, body);
            }
            if (rows < 0) {
                try (Statement st = conn.createStatement();
                     ResultSet rs = st.executeQuery("SELECT coalesce(sum(n_rows), 0) FROM " + name)) {
                    rs.next();
                    rows = rs.getLong(1);
                } catch (SQLException e) {
                    throw new IllegalStateException("DuckDB query failed: " + Sql.firstLine(e.getMessage()), e);
                }
            }
            return name;
        }
    }

    /**
     * Loads the embedded DuckDB engine's native library now. DuckDB unpacks and links a large
     * library on first use; a command line that will read data can call this from a background
     * thread at start-up so that the work overlaps its own initialisation. Never fails: any
     * problem surfaces, with its message, when data is first read.
     */
    public static void preloadEngine() {
        try {
            Class.forName("org.duckdb.DuckDBNative", true, Dataset.class.getClassLoader());
        } catch (Throwable ignored) {
            // reported by the first real use
        }
    }

    /** @return a builder for an in-memory dataset (tests, simulations, synthetic validation data). */
    public static Builder builder() {
        return new Builder();
    }

    /** @return where the data came from: a file path, or {@code memory}. */
    public String source() {
        return source;
    }

    /** @return the columns in file order (see the class comment on types sniffed from a sample). */
    public List<ColumnInfo> columns() {
        return columns;
    }

    /** @return the column names in file order. */
    public List<String> columnNames() {
        return columns.stream().map(ColumnInfo::name).toList();
    }

    /**
     * @return every column name of the source file, in file order, including any not loaded because
     * the dataset was read with a column projection; used in messages that list what exists.
     */
    public List<String> sourceColumnNames() {
        return sourceColumns;
    }

    /** @return the column with this exact name, if present. */
    public Optional<ColumnInfo> column(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * @return the column with this name
     * @throws UserInputException naming the columns that exist when it is missing
     */
    public ColumnInfo require(String name, String role) {
        ColumnInfo c = byName.get(name);
        if (c == null) {
            throw new UserInputException(missingColumnMessage(name, role));
        }
        return c;
    }

    /** The one-line message for a column that is not in the data, listing those that are. */
    public String missingColumnMessage(String name, String role) {
        return (role == null ? "column" : role + " column") + " '" + name + "' is not in " + source
                + "; columns are: " + String.join(", ", sourceColumnNames());
    }

    /** @return the number of rows (after any filter); reads the file if no summary has counted them yet. */
    public long rowCount() {
        if (rows < 0) {
            ensureLoaded();
        }
        return rows;
    }

    /** @return the number of null (missing) values in a column; NaN counts as missing for numbers. */
    public long missingCount(String name) {
        return ColumnSummaries.missingCount(this, require(name, null));
    }

    /**
     * A numeric column as doubles in row order; nulls become NaN and booleans 0/1.
     *
     * @throws UserInputException when the column is missing or holds text (naming the first value
     *                            that is not a number and its row)
     */
    public double[] doubles(String name) {
        ColumnInfo c = require(name, null);
        if (!c.type().isNumeric()) {
            String first = firstNonNumber(name).map(b -> " (row " + b.row() + " holds '" + b.value() + "')").orElse("");
            throw new UserInputException("column '" + name + "' holds " + c.sqlType() + " values, not numbers" + first
                    + "; pick a numeric column or fix the value");
        }
        return ((double[]) cache.computeIfAbsent("d:" + name, k -> ColumnSummaries.doubles(this, name))).clone();
    }

    /**
     * Receives the rows of {@link #scanDoubles} in order: the 0-based row index and its values (a
     * reused array: copy what you keep). When a read has to start over (a value in the file did not
     * fit the types sniffed from its first rows), row 0 arrives again: start over then.
     */
    @FunctionalInterface
    public interface DoubleRowConsumer {
        void accept(int row, double[] values);
    }

    /**
     * Streams numeric columns row by row in one scan, with the values {@link #doubles} gives (nulls
     * as NaN, booleans 0/1), without building or caching a column array per column: an engine that
     * needs its own layout (e.g. design rows) fills it directly, so a wide table is held once. A
     * file not read yet is streamed straight from the file, without building the in-memory table
     * (later queries over the table still read it then).
     *
     * @return the number of rows
     * @throws UserInputException when a column is missing or holds text
     */
    public int scanDoubles(List<String> names, DoubleRowConsumer consumer) {
        StringBuilder cols = new StringBuilder();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            ColumnInfo info = require(name, null);
            if (!info.type().isNumeric()) {
                doubles(name); // throws the one-line message naming the first value that is not a number
            }
            cols.append(c == 0 ? "" : ", ").append("CAST(").append(Sql.quote(name)).append(" AS DOUBLE)");
        }
        int k = names.size();
        SqlReader<Integer> reader = rs -> {
            double[] v = new double[k];
            int i = 0;
            while (rs.next()) {
                for (int c = 0; c < k; c++) {
                    double d = rs.getDouble(c + 1);
                    v[c] = rs.wasNull() ? Double.NaN : d;
                }
                consumer.accept(i++, v);
            }
            return i;
        };
        synchronized (conn) {
            if (pending != null) {
                String sql = "SELECT " + cols + " FROM (" + pending.select() + ") AS cerebro_rows";
                long t0 = TRACE ? System.nanoTime() : 0;
                try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    int n = reader.read(rs);
                    if (rows < 0) {
                        rows = n;
                    }
                    if (TRACE) {
                        System.err.printf("cerebro: stream %.0f ms: %s%n", (System.nanoTime() - t0) / 1e6, sql);
                    }
                    return n;
                } catch (SQLException e) {
                    // a value that does not fit the sampled types (or any other read problem): the
                    // load types the file from all its rows, or reports what is wrong; then scan the table
                }
            }
            return query("SELECT " + cols + " FROM " + TABLE, reader);
        }
    }

    /** A column as text in row order (numbers are formatted by DuckDB); nulls stay null. */
    public String[] strings(String name) {
        require(name, null);
        return ((String[]) cache.computeIfAbsent("s:" + name, k -> ColumnSummaries.strings(this, name))).clone();
    }

    /** @return {mean, sample standard deviation} of a numeric column over its non-missing, non-NaN values. */
    public double[] meanAndSd(String name) {
        require(name, null);
        return ColumnSummaries.meanAndSd(this, name);
    }

    /** @return the distinct non-null values of a column as text, sorted, with their row counts. */
    public Map<String, Long> levels(String name) {
        require(name, null);
        return ColumnSummaries.levels(this, name);
    }

    /**
     * A value in the data that is not what a method needs.
     *
     * @param column the column
     * @param row    the 1-based data row of the file (the header is not counted; for in-memory data, the row index + 1)
     * @param value  the value as written
     */
    public record BadValue(String column, long row, String value) {
    }

    /**
     * Finds the first value of a column that is present but not a number, for a message that lets
     * the user find it: a column of numbers with text further down is read as text, and an analysis
     * that needs numbers names the row. Reads the file again (only when asked, on the error path).
     *
     * @return the first such value among the rows the filter keeps, or empty when every present value is a number
     */
    public Optional<BadValue> firstNonNumber(String name) {
        require(name, null);
        synchronized (conn) {
            if (file != null) {
                return file.firstNonNumber(conn, name);
            }
            String v = "CAST(" + quote(name) + " AS VARCHAR)";
            return query("SELECT " + v + " IS NOT NULL AND TRY_CAST(" + v + " AS DOUBLE) IS NULL, " + v + " FROM " + TABLE, rs -> {
                long row = 0;
                while (rs.next()) {
                    row++;
                    if (rs.getBoolean(1)) {
                        return Optional.of(new BadValue(name, row, rs.getString(2)));
                    }
                }
                return Optional.<BadValue>empty();
            });
        }
    }

    /**
     * Computes a value once per dataset and caches it under {@code key}: lets the spec validator and
     * the engine share one aggregation scan instead of each running its own.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, java.util.function.Supplier<T> compute) {
        Object v = cache.get("memo:" + key);
        if (v == null) {
            v = compute.get();
            cache.put("memo:" + key, v);
        }
        return (T) v;
    }

    /**
     * Runs SQL over the first {@code rows} rows only, for which table {@value #TABLE} stands, without
     * loading the file: a cheap look at the data, e.g. to choose how to aggregate all of it.
     */
    public <T> T queryHead(int rows, String sql, SqlReader<T> reader) {
        synchronized (conn) {
            String head = (pending != null ? pending.select() : "SELECT * FROM main." + TABLE) + " LIMIT " + rows;
            String full = "WITH " + TABLE + " AS (" + head + ") " + sql;
            long t0 = TRACE ? System.nanoTime() : 0;
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(full)) {
                T out = reader.read(rs);
                if (TRACE) {
                    System.err.printf("cerebro: head %.0f ms: %s%n", (System.nanoTime() - t0) / 1e6, sql);
                }
                return out;
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB query failed: " + Sql.firstLine(e.getMessage()) + "\n  " + full, e);
            }
        }
    }

    /** Reads the result of a SQL query against table {@value #TABLE}. */
    @FunctionalInterface
    public interface SqlReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs SQL against this dataset (the table is {@value #TABLE}; quote identifiers with
     * {@link #quote(String)}) and hands the result to {@code reader}. The file's rows are loaded
     * first when the SQL mentions {@value #TABLE} and they have not been yet.
     */
    public <T> T query(String sql, SqlReader<T> reader) {
        synchronized (conn) {
            loadIfMentioned(sql);
            long t0 = TRACE ? System.nanoTime() : 0;
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                T out = reader.read(rs);
                if (TRACE) {
                    System.err.printf("cerebro: sql %.0f ms: %s%n", (System.nanoTime() - t0) / 1e6, sql);
                }
                return out;
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB query failed: " + Sql.firstLine(e.getMessage()) + "\n  " + sql, e);
            }
        }
    }

    /** Like {@link #query(String, SqlReader)} with bound parameters. */
    public <T> T query(String sql, List<?> params, SqlReader<T> reader) {
        synchronized (conn) {
            loadIfMentioned(sql);
            long t0 = TRACE ? System.nanoTime() : 0;
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    T out = reader.read(rs);
                    if (TRACE) {
                        System.err.printf("cerebro: sql %.0f ms: %s %s%n", (System.nanoTime() - t0) / 1e6, sql, params);
                    }
                    return out;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB query failed: " + Sql.firstLine(e.getMessage()) + "\n  " + sql, e);
            }
        }
    }

    private void loadIfMentioned(String sql) {
        if (pending != null && MENTIONS_TABLE.matcher(sql).find()) {
            ensureLoaded();
        }
    }

    /** @return the identifier quoted for DuckDB SQL. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** @return the SQL literal for a string value. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * @return the SHA-256 of the input file's bytes (or, for in-memory data, of the column values),
     * as lowercase hex; recorded in result provenance so a result can be tied to its data.
     */
    public String sha256() {
        return sha256.join();
    }

    @Override
    public void close() {
        Sql.closeQuietly(conn);
    }

    @Override
    public String toString() {
        return "Dataset[" + source + ", " + (rows < 0 ? "unread" : rows + " rows") + ", " + columns.stream().map(ColumnInfo::toString)
                .collect(Collectors.joining(", ")) + "]";
    }

    /** Builds an in-memory dataset column by column; every column must have the same length. */
    public static final class Builder {
        private final Map<String, Object> cols = new LinkedHashMap<>();

        /** Adds a numeric column (NaN is stored as null). */
        public Builder numeric(String name, double[] values) {
            cols.put(name, values.clone());
            return this;
        }

        /** Adds an integer column. */
        public Builder integers(String name, long[] values) {
            cols.put(name, values.clone());
            return this;
        }

        /** Adds a text column (null allowed). */
        public Builder text(String name, String[] values) {
            cols.put(name, values.clone());
            return this;
        }

        /** Creates the dataset; the builder may not be reused. */
        public Dataset build() {
            int n = -1;
            for (Map.Entry<String, Object> e : cols.entrySet()) {
                int len = java.lang.reflect.Array.getLength(e.getValue());
                if (n >= 0 && len != n) {
                    throw new IllegalArgumentException("column " + e.getKey() + " has " + len + " values, expected " + n);
                }
                n = len;
            }
            if (n < 0) {
                throw new IllegalArgumentException("a dataset needs at least one column");
            }
            Connection conn = Sql.newConnection();
            try {
                StringBuilder ddl = new StringBuilder("CREATE TABLE " + TABLE + " (");
                int i = 0;
                for (Map.Entry<String, Object> e : cols.entrySet()) {
                    if (i++ > 0) {
                        ddl.append(", ");
                    }
                    Object v = e.getValue();
                    String type = v instanceof double[] ? "DOUBLE" : v instanceof long[] ? "BIGINT" : "VARCHAR";
                    ddl.append(quote(e.getKey())).append(' ').append(type);
                }
                ddl.append(')');
                try (Statement st = conn.createStatement()) {
                    st.execute(ddl.toString());
                }
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                ByteBuffer bb = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                try (DuckDBAppender app = ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
                    for (int r = 0; r < n; r++) {
                        app.beginRow();
                        for (Object v : cols.values()) {
                            if (v instanceof double[] d) {
                                if (Double.isNaN(d[r])) {
                                    app.appendNull();
                                } else {
                                    app.append(d[r]);
                                }
                                md.update(bb.clear().putDouble(0, d[r]).array());
                            } else if (v instanceof long[] l) {
                                app.append(l[r]);
                                md.update(bb.clear().putLong(0, l[r]).array());
                            } else {
                                String s = ((String[]) v)[r];
                                if (s == null) {
                                    app.appendNull();
                                } else {
                                    app.append(s);
                                    md.update(s.getBytes(StandardCharsets.UTF_8));
                                }
                            }
                        }
                        app.endRow();
                    }
                }
                String hex = HexFormat.of().formatHex(md.digest());
                return new Dataset(conn, "memory", CompletableFuture.completedFuture(hex));
            } catch (SQLException | NoSuchAlgorithmException e) {
                Sql.closeQuietly(conn);
                throw new IllegalStateException("cannot build in-memory dataset: " + e.getMessage(), e);
            }
        }
    }
}
