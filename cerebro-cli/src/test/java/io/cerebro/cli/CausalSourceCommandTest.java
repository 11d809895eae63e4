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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro causal --source}: regression adjustment (OLS, HC1) and two-way fixed effects
 * (clustered and HC1) computed by SQL in a DuckDB file and, when its binaries are installed, a real
 * PostgreSQL server give the numbers of the CSV path to 1e-9 (the fits themselves are checked against
 * statsmodels in cerebro-core's PushdownContract); what needs the rows is one line with exit code 2.
 */
class CausalSourceCommandTest {
    @TempDir
    static Path dir;
    private static LocalPostgres server;
    private static String pgUrl;
    private static Path duck;
    private static String ab;
    private static String panel;

    @BeforeAll
    static void load() throws Exception {
        ab = PushdownContract.resource("ab.csv").toString();
        panel = PushdownContract.resource("panel.csv").toString();
        duck = dir.resolve("study.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duck); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events AS SELECT * FROM read_csv('" + ab + "')");
            s.execute("CREATE TABLE panel AS SELECT * FROM read_csv('" + panel + "')");
        }
        if (LocalPostgres.binaries().isPresent()) {
            server = LocalPostgres.start();
            pgUrl = server.newJdbcUrl();
            try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE events (arm text, y double precision, conv integer, pre double precision, segment text, "
                        + "treated integer, x2 double precision, g integer)");
                s.execute("CREATE TABLE panel (unit text, period integer, d integer, x double precision, y double precision)");
                PGConnection pg = c.unwrap(PGConnection.class);
                try (Reader r = Files.newBufferedReader(Path.of(ab))) {
                    pg.getCopyAPI().copyIn("COPY events FROM STDIN WITH (FORMAT csv, HEADER true)", r);
                }
                try (Reader r = Files.newBufferedReader(Path.of(panel))) {
                    pg.getCopyAPI().copyIn("COPY panel FROM STDIN WITH (FORMAT csv, HEADER true)", r);
                }
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

    private static List<String> sources() {
        List<String> s = new ArrayList<>(List.of(duck.toString()));
        if (pgUrl != null) {
            s.add(pgUrl);
        }
        return s;
    }

    /** Every estimate the engine reports equals the local one of the same method (the local path may report more). */
    private static void same(JsonNode local, JsonNode remote, String what) {
        assertEquals(local.get("method"), remote.get("method"), what);
        assertEquals(local.get("sampleSizes"), remote.get("sampleSizes"), what);
        int matched = 0;
        for (JsonNode b : remote.get("estimates")) {
            JsonNode a = null;
            for (JsonNode c : local.get("estimates")) {
                if (c.get("method").equals(b.get("method")) && c.get("estimand").equals(b.get("estimand"))) {
                    a = c;
                }
            }
            assertTrue(a != null, what + ": no local estimate like " + b);
            matched++;
            for (String f : new String[]{"estimate", "standardError", "pValue"}) {
                if (a.hasNonNull(f)) {
                    double x = a.get(f).asDouble();
                    double y = b.get(f).asDouble();
                    assertTrue(Math.abs(x - y) <= 1e-9 * Math.max(1e-300, Math.abs(x)), what + " " + b.get("method") + " " + f + ": " + x + " vs " + y);
                }
            }
            if (a.hasNonNull("interval")) {
                for (String f : new String[]{"lower", "upper"}) {
                    double x = a.get("interval").get(f).asDouble();
                    double y = b.get("interval").get(f).asDouble();
                    assertTrue(Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)), what + " " + b.get("method") + " interval " + f + ": " + x + " vs " + y);
                }
            }
        }
        assertTrue(matched >= 1, what);
    }

    @Test
    void regressionAdjustmentInTheEngineEqualsTheCsvPath() throws Exception {
        String[] spec = {"--method", "regression", "--treatment", "treated", "--outcome", "y", "--confounders", "pre,x2",
                "--where", "segment <> 'west'", "--format", "json"};
        JsonNode local = json(CliTestSupport.run(concat(new String[]{"causal", ab}, spec)));
        for (String src : sources()) {
            JsonNode remote = json(CliTestSupport.run(concat(new String[]{"causal", "--source", src, "--table", "events"}, spec)));
            same(local, remote, src);
            assertEquals(3, remote.get("estimates").size(), "effect, E-value, Manski bounds: " + remote);
            assertTrue(remote.at("/provenance/dataSource").asText().contains("table events where segment <> 'west'"), remote.toString());
        }
    }

    @Test
    void twoWayFixedEffectsInTheEngineEqualTheCsvPath() throws Exception {
        String[] spec = {"--method", "did", "--treatment", "d", "--outcome", "y", "--unit", "unit", "--time", "period", "--format", "json"};
        JsonNode local = json(CliTestSupport.run(concat(new String[]{"causal", panel}, spec)));
        assertEquals(2, local.get("estimates").size(), local.toString());
        for (String src : sources()) {
            JsonNode remote = json(CliTestSupport.run(concat(new String[]{"causal", "--source", src, "--table", "panel"}, spec)));
            same(local, remote, src);
            assertEquals(2, remote.get("estimates").size(), remote.toString());
            assertEquals(local.at("/details/clusters"), remote.at("/details/clusters"));
        }
    }

    @Test
    void whatNeedsTheRowsIsOneLine() {
        String db = duck.toString();
        CliTestSupport.badInput(CliTestSupport.run("causal", "--source", db, "--table", "events", "--method", "regression",
                "--treatment", "treated", "--outcome", "conv", "--confounders", "pre"), "is 0/1", "g-computation");
        CliTestSupport.badInput(CliTestSupport.run("causal", "--source", db, "--table", "events", "--method", "ipw",
                "--treatment", "treated", "--outcome", "y", "--confounders", "pre"), "export the columns");
        CliTestSupport.badInput(CliTestSupport.run("causal", "--source", db, "--table", "events", "--method", "regression",
                "--treatment", "g", "--outcome", "y", "--confounders", "pre"), "must be 0/1");
        CliTestSupport.badInput(CliTestSupport.run("causal", "--source", db, "--table", "events", "--method", "regression",
                "--treatment", "treated", "--outcome", "y", "--confounders", "pre", "--refute", "placebo"), "--refute");
        CliTestSupport.badInput(CliTestSupport.run("causal", "--source", db, "--table", "panel", "--method", "did",
                "--treatment", "d", "--outcome", "y", "--unit", "unit", "--time", "period", "--where", "NOT (unit = 'u000' AND period = 1)"),
                "unbalanced");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
