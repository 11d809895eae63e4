package io.cerebro.store.jdbc;

import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Versioned schema migrations, applied when a store is opened.
 *
 * <p>Cerebro keeps its own version table ({@code cerebro_schema_version}) rather than using Flyway
 * or Liquibase: Flyway has no DuckDB support among its database modules, and Liquibase's DuckDB
 * support is a third-party extension; a table of applied versions and numbered SQL files, applied
 * in order each in its own transaction, is all the store needs and behaves the same on both
 * databases. A migration and its version row commit together, so a process killed during a
 * migration leaves the store at the previous version. On PostgreSQL a transaction-scoped advisory
 * lock keeps two processes that open a new store at once from both migrating it; a DuckDB file
 * admits one writing process anyway.
 */
public final class SchemaMigrations {
    /** The migrations in order; the file {@code V<n>__<what>.sql} takes the store to version n. */
    static final List<String> FILES = List.of("V1__experiments_and_policies.sql", "V2__routers.sql");

    /** The schema version this build of Cerebro writes. */
    public static final int CURRENT = FILES.size();

    private static final long ADVISORY_LOCK_KEY = 0x0CE7EB70L;

    private SchemaMigrations() {
    }

    /**
     * Brings the database to {@link #CURRENT}.
     *
     * @return the version it is at afterwards
     * @throws UserInputException when the store was written by a newer Cerebro
     */
    public static int apply(Connection c, boolean postgres, String location) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS cerebro_schema_version (version INTEGER PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)");
        }
        int version = currentVersion(c);
        if (version > CURRENT) {
            throw new UserInputException("the store " + location + " has schema version " + version
                    + ", newer than this Cerebro understands (" + CURRENT + "); upgrade Cerebro to use it");
        }
        for (int v = version + 1; v <= CURRENT; v++) {
            c.setAutoCommit(false);
            try {
                if (postgres) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")");
                    }
                    if (currentVersion(c) >= v) {
                        c.rollback();
                        continue;
                    }
                }
                String file = FILES.get(v - 1);
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(read(file))) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO cerebro_schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, v);
                    p.setString(2, file);
                    p.setTimestamp(3, Timestamp.from(Instant.now()));
                    p.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return currentVersion(c);
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM cerebro_schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String read(String file) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("/io/cerebro/store/migrations/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + file, e);
        }
    }

    /** Splits a migration into statements: at semicolons, after dropping {@code --} comment lines. */
    static List<String> statements(String script) {
        StringBuilder body = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(body.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
