package io.cerebro.core.pushdown;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** The pushdown contract on a DuckDB database file, opened read-only through {@code --source FILE}. */
class DuckDbPushdownTest extends PushdownContract {
    @TempDir
    static Path dir;
    private static SqlEngine engine;

    @BeforeAll
    static void load() throws Exception {
        Path db = dir.resolve("events.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ab AS SELECT * FROM read_csv('" + resource("ab.csv") + "')");
            s.execute("CREATE TABLE panel AS SELECT * FROM read_csv('" + resource("panel.csv") + "')");
        }
        engine = JdbcEngine.connect(db.toString(), null, null);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Override
    protected SqlEngine engine() {
        return engine;
    }
}
