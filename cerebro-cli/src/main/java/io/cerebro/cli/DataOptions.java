package io.cerebro.cli;

import io.cerebro.core.data.CsvDialect;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.data.ReadOptions;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The data file and how to read it; shared by the analysis commands. */
public final class DataOptions {
    /** A result warning that counts rows an engine left out for missing values. */
    private static final Pattern DROPPED = Pattern.compile("^\\d+ .*rows.*\\b(dropped|left out)\\b.*");

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA",
            description = "CSV, TSV, Parquet or JSON file (by extension; .gz allowed). May also be given as --data.")
    Path positional;

    @Option(names = "--data", paramLabel = "FILE", description = "The data file (alternative to the positional argument).")
    Path data;

    @Option(names = "--where", paramLabel = "SQL", description = "Keep only rows matching this SQL condition, e.g. \"country = 'US'\".")
    String where;

    @Option(names = "--drop-missing", description = "Drop rows with a missing or NaN value in a used column instead of failing; "
            + "the count dropped is printed on stderr.")
    boolean dropMissing;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "Field separator of a CSV/TSV file, e.g. ';' or '|' (default: detected; \\t for a tab).")
    String delimiter;

    @Option(names = "--decimal", paramLabel = "CHAR",
            description = "Decimal separator, '.' or ',' (default: detected; with ',' a dot before three digits is a thousands separator, as in 1.234,56).")
    String decimal;

    @Option(names = "--missing-values", paramLabel = "LIST", split = ",", splitSynopsisLabel = ",",
            description = "Cell texts that mean a missing value, comma-separated (default: empty, NA and NaN; pass '' for empty cells only).")
    List<String> missingValues;

    @Option(names = "--source", paramLabel = "URL",
            description = "Analyse rows where they live: a JDBC URL (jdbc:postgresql://host:5432/db, jdbc:trino://host:8080/catalog/schema, "
                    + "jdbc:hive2://host:10000/db for the Spark Thrift server) or a DuckDB database file; the statistics are computed "
                    + "by SQL in that engine and only aggregates come back. Needs --table or --query.")
    String source;

    @Option(names = "--table", paramLabel = "NAME", description = "With --source: the table or view to analyse (schema.table allowed).")
    String table;

    @Option(names = "--query", paramLabel = "SQL", description = "With --source: a SELECT (in the engine's dialect) whose rows are analysed.")
    String query;

    @Option(names = "--user", paramLabel = "NAME", description = "With --source: the database user (default: the URL's).")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "With --source: environment variable holding the password (default " + PASSWORD_ENV + "); never echoed.")
    String passwordEnv;

    /** Default environment variable for the --source password. */
    static final String PASSWORD_ENV = "CEREBRO_SOURCE_PASSWORD";

    /** @return whether the rows are in a SQL engine (--source) rather than a file. */
    public boolean pushdown() {
        return source != null;
    }

    /** Connects to the --source engine (one line and exit 2 when it does not answer). */
    public io.cerebro.core.pushdown.SqlEngine connect() {
        if (data != null || positional != null) {
            throw new UserInputException("give either a data file or --source, not both");
        }
        String var = passwordEnv != null ? passwordEnv : PASSWORD_ENV;
        String password = System.getenv(var);
        if (passwordEnv != null && password == null) {
            throw new UserInputException("--password-env " + passwordEnv + ": that environment variable is not set");
        }
        return io.cerebro.core.pushdown.JdbcEngine.connect(source, user, password);
    }

    /** @return the --table or --query relation, filtered by --where (or the spec's filter). */
    public io.cerebro.core.pushdown.SqlRelation relation(String specWhere) {
        if (table == null && query == null) {
            throw new UserInputException("--source needs the rows: --table NAME or --query \"SELECT ...\"");
        }
        io.cerebro.core.pushdown.SqlRelation r = new io.cerebro.core.pushdown.SqlRelation(table, query, null);
        return r.where(where != null ? where : specWhere);
    }

    /** @return the data path given either way. */
    public Path path() {
        Path p = data != null ? data : positional;
        if (p == null) {
            throw new UserInputException("no data file given: pass it as the first argument, with --data FILE, or use --source URL --table NAME");
        }
        return p;
    }

    /** @return the CSV dialect the flags give (detection where they are absent). */
    public CsvDialect dialect() {
        CsvDialect d = CsvDialect.DETECT;
        if (delimiter != null) {
            d = d.withDelimiter(singleChar("--delimiter", delimiter.equals("\\t") ? "\t" : delimiter));
        }
        if (decimal != null) {
            char c = singleChar("--decimal", decimal);
            if (c != '.' && c != ',') {
                throw new UserInputException("--decimal must be '.' or ',', got '" + decimal + "'");
            }
            d = d.withDecimalSeparator(c);
        }
        if (missingValues != null) {
            d = d.withMissing(missingValues.stream().map(v -> v.equals("''") ? "" : v).toList());
        }
        return d;
    }

    private static char singleChar(String flag, String v) {
        if (v.length() != 1) {
            throw new UserInputException(flag + " takes one character, got '" + v + "' (quote it for the shell: " + flag + " ';')");
        }
        return v.charAt(0);
    }

    /** Opens the dataset, applying {@code --where} (or the spec's filter when the flag is absent). */
    public Dataset open(String specWhere) {
        String w = where != null ? where : specWhere;
        return Dataset.readWith(path(), ReadOptions.all().withWhere(w).withDialect(dialect()));
    }

    /**
     * Opens the dataset for a spec: only the columns it reads are loaded (much faster on large
     * files), and {@code --where} (or the spec's filter) is applied while reading.
     */
    public Dataset open(io.cerebro.core.spec.AnalysisSpec spec) {
        String w = where != null ? where : spec.where();
        return Dataset.readWith(path(), new ReadOptions(w, spec.columns(), dialect()));
    }

    /**
     * Repeats on stderr the result's count of rows left out for missing values, so that a run with
     * {@code --drop-missing} says what it dropped even when stdout goes to a file or a parser.
     */
    public void reportDropped(AnalysisResult r, PrintWriter err) {
        r.warnings().stream().filter(w -> DROPPED.matcher(w).matches()).forEach(w -> err.println("cerebro: " + w));
        err.flush();
    }
}
