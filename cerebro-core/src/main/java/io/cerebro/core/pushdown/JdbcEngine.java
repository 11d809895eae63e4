package io.cerebro.core.pushdown;

import io.cerebro.core.error.UserInputException;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * An engine reached over JDBC: PostgreSQL and DuckDB (drivers included), Trino and the Spark Thrift
 * server (drivers added by the user through {@value #DRIVERS_ENV}).
 */
public final class JdbcEngine implements SqlEngine {
    /** Environment variable with extra JDBC driver jars, separated by the path separator. */
    public static final String DRIVERS_ENV = "CEREBRO_JDBC_DRIVERS";

    private final Connection connection;
    private final SqlDialect dialect;
    private final String describe;

    private JdbcEngine(Connection connection, SqlDialect dialect, String describe) {
        this.connection = connection;
        this.dialect = dialect;
        this.describe = describe;
    }

    /**
     * Connects to {@code source}: a JDBC URL ({@code jdbc:postgresql://host/db}, {@code jdbc:duckdb:file},
     * {@code jdbc:trino://...}, {@code jdbc:hive2://...}) or the path of a DuckDB database file.
     *
     * @param user     user name, or null (then the URL's, if any)
     * @param password password, or null; it is never printed
     * @throws UserInputException when the source is not understood, the driver is missing or the
     *                            engine does not answer (one line naming the fix)
     */
    public static JdbcEngine connect(String source, String user, String password) {
        String url = source;
        if (!source.regionMatches(true, 0, "jdbc:", 0, 5)) {
            Path p = Path.of(source);
            if (!Files.isRegularFile(p)) {
                throw new UserInputException("--source '" + source + "' is neither a JDBC URL (jdbc:postgresql://host/db, jdbc:duckdb:FILE, "
                        + "jdbc:trino://..., jdbc:hive2://...) nor an existing DuckDB database file");
            }
            url = "jdbc:duckdb:" + p.toAbsolutePath();
        }
        SqlDialect dialect = SqlDialect.ofUrl(url);
        if (dialect == null) {
            throw new UserInputException("--source " + redact(url) + ": unsupported engine; use jdbc:postgresql://, jdbc:duckdb:, jdbc:trino:// or jdbc:hive2:// (Spark Thrift server)");
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        if (dialect == SqlDialect.DUCKDB) {
            props.setProperty("duckdb.read_only", "true");
        }
        Driver driver = driver(url, dialect);
        try {
            Connection c = driver.connect(url, props);
            if (c == null) {
                throw new UserInputException("--source " + redact(url) + ": the JDBC driver does not accept this URL");
            }
            if (dialect == SqlDialect.POSTGRESQL) {
                c.setReadOnly(true);
            }
            return new JdbcEngine(c, dialect, redact(url));
        } catch (SQLException e) {
            throw new UserInputException("cannot connect to " + redact(url) + ": " + firstLine(e)
                    + "; check the host, port, database, user and " + "the password variable");
        }
    }

    private static Driver driver(String url, SqlDialect dialect) {
        try {
            return DriverManager.getDriver(url);
        } catch (SQLException notRegistered) {
            // drivers the user listed in CEREBRO_JDBC_DRIVERS: DriverManager ignores drivers from another class loader, so call them directly
            String extra = System.getenv(DRIVERS_ENV);
            if (extra != null && !extra.isBlank()) {
                List<URL> jars = new ArrayList<>();
                for (String j : extra.split(java.io.File.pathSeparator)) {
                    try {
                        jars.add(Path.of(j).toUri().toURL());
                    } catch (MalformedURLException e) {
                        throw new UserInputException(DRIVERS_ENV + " entry '" + j + "' is not a path to a jar");
                    }
                }
                URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), JdbcEngine.class.getClassLoader());
                for (Driver d : ServiceLoader.load(Driver.class, loader)) {
                    try {
                        if (d.acceptsURL(url)) {
                            return d;
                        }
                    } catch (SQLException ignored) {
                        // not this driver
                    }
                }
            }
            String jar = switch (dialect) {
                case TRINO -> "the Trino JDBC jar (io.trino:trino-jdbc)";
                case SPARK -> "the Hive JDBC standalone jar (org.apache.hive:hive-jdbc, classifier standalone)";
                default -> "its JDBC driver jar";
            };
            throw new UserInputException("no JDBC driver for " + redact(url) + " on the class path; download " + jar
                    + " and set " + DRIVERS_ENV + "=/path/to/driver.jar");
        }
    }

    @Override
    public SqlDialect dialect() {
        return dialect;
    }

    @Override
    public List<Object[]> rows(String sql) {
        if (System.getenv("CEREBRO_TRACE_SQL") != null) {
            System.err.println("cerebro: SQL " + sql);
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int k = md.getColumnCount();
            List<Object[]> out = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[k];
                for (int i = 0; i < k; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new UserInputException(describe + " rejected the query: " + firstLine(e)
                    + "; check the column and table names (and --where) against the engine");
        }
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a read-only session: nothing to keep
        }
    }

    /** @return the URL without a password parameter or user-info password. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=***").replaceAll("//([^/:@]+):[^/@]*@", "//$1:***@");
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip().toLowerCase(Locale.ROOT).startsWith("error: ")
                ? (nl < 0 ? m : m.substring(0, nl)).strip().substring(7) : (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
