package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport.Run;
import io.cerebro.core.pushdown.PushdownContract;
import io.cerebro.core.testing.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code cerebro abtest --source}: a PostgreSQL server and a DuckDB file give the numbers the CSV
 * gives (the statistics themselves are checked against scipy/statsmodels in cerebro-core's
 * PushdownContract), and an engine that does not answer is one line with exit code 2.
 */
class AbtestSourceCommandTest {
    @TempDir
    static Path dir;
    private static LocalPostgres server;
    private static String url;
    private static String csv;

    @BeforeAll
    static void load() throws Exception {
        csv = PushdownContract.resource("ab.csv").toString();
        assumeTrue(LocalPostgres.binaries().isPresent(), "PostgreSQL server binaries not installed");
        server = LocalPostgres.start();
        url = server.newJdbcUrl();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events (arm text, y double precision, conv integer, pre double precision, segment text, "
                    + "treated integer, x2 double precision, g integer)");
            try (Reader r = Files.newBufferedReader(Path.of(csv))) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY events FROM STDIN WITH (FORMAT csv, HEADER true)", r);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode json(Run r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void postgresAndDuckDbGiveTheCsvNumbers() throws Exception {
        String[] test = {"--treatment", "arm", "--outcome", "y", "--covariate", "pre", "--where", "segment <> 'west'", "--format", "json"};
        JsonNode local = json(CliTestSupport.run(concat(new String[]{"abtest", csv}, test)));
        JsonNode pg = json(CliTestSupport.run(concat(new String[]{"abtest", "--source", url, "--table", "events"}, test)));
        Path db = dir.resolve("shop.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events AS SELECT * FROM read_csv('" + csv + "')");
        }
        JsonNode duck = json(CliTestSupport.run(concat(new String[]{"abtest", "--source", db.toString(), "--query",
                "SELECT arm, y, pre, segment FROM events"}, test)));
        for (JsonNode remote : new JsonNode[]{pg, duck}) {
            assertEquals(local.get("sampleSizes"), remote.get("sampleSizes"));
            assertEquals(local.get("estimates").size(), remote.get("estimates").size());
            for (int i = 0; i < local.get("estimates").size(); i++) {
                JsonNode a = local.get("estimates").get(i);
                JsonNode b = remote.get("estimates").get(i);
                assertEquals(a.get("method"), b.get("method"));
                for (String f : new String[]{"estimate", "standardError", "pValue"}) {
                    if (a.hasNonNull(f)) {
                        double x = a.get(f).asDouble();
                        double y = b.get(f).asDouble();
                        assertTrue(Math.abs(x - y) <= 1e-9 * Math.abs(x), a.get("method") + " " + f + ": " + x + " vs " + y);
                    }
                }
            }
        }
        assertTrue(pg.at("/provenance/dataSource").asText().contains("table events where segment <> 'west'"), pg.toString());
    }

    @Test
    void anEngineThatDoesNotAnswerIsOneLineAndThePasswordIsNotEchoed() {
        Run r = CliTestSupport.run("abtest", "--source", "jdbc:postgresql://127.0.0.1:1/shop?user=u&password=hunter2", "--table", "events",
                "--treatment", "arm", "--outcome", "y");
        CliTestSupport.badInput(r, "cannot connect to jdbc:postgresql://127.0.0.1:1/shop?user=u&password=***");
        assertFalse(r.err().contains("hunter2"), r.err());
        CliTestSupport.badInput(CliTestSupport.run("abtest", "--source", "jdbc:trino://127.0.0.1:1/hive/default", "--table", "events",
                "--treatment", "arm", "--outcome", "y"), "no JDBC driver", "CEREBRO_JDBC_DRIVERS");
        CliTestSupport.badInput(CliTestSupport.run("abtest", "--source", url, "--table", "nosuch", "--treatment", "arm", "--outcome", "y"),
                "rejected the query", "nosuch");
        CliTestSupport.badInput(CliTestSupport.run("abtest", "--source", url, "--treatment", "arm", "--outcome", "y"), "--table NAME or --query");
        CliTestSupport.badInput(CliTestSupport.run("causal", "--source", url, "--table", "events", "--method", "psm",
                "--treatment", "treated", "--outcome", "y", "--confounders", "pre"), "export the columns");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
