package io.cerebro.core.pushdown;

import io.cerebro.core.testing.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.PGConnection;

import java.io.Reader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The pushdown contract on a real PostgreSQL server started by the test ({@link LocalPostgres}). */
class PostgresPushdownTest extends PushdownContract {
    private static LocalPostgres server;
    private static SqlEngine engine;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(LocalPostgres.binaries().isPresent(), "PostgreSQL server binaries not installed");
        server = LocalPostgres.start();
        String url = server.newJdbcUrl();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ab (arm text, y double precision, conv integer, pre double precision, segment text, "
                    + "treated integer, x2 double precision, g integer)");
            s.execute("CREATE TABLE panel (unit text, period integer, d integer, x double precision, y double precision)");
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String t : new String[]{"ab", "panel"}) {
                try (Reader r = Files.newBufferedReader(resource(t + ".csv"))) {
                    copy.copyIn("COPY " + t + " FROM STDIN WITH (FORMAT csv, HEADER true)", r);
                }
            }
        }
        engine = JdbcEngine.connect(url, null, null);
    }

    @AfterAll
    static void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected SqlEngine engine() {
        return engine;
    }
}
