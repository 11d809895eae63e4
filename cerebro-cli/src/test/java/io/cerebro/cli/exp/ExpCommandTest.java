package io.cerebro.cli.exp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport;
import io.cerebro.cli.CliTestSupport.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro exp} as a user runs it, in-process. */
class ExpCommandTest {
    @TempDir
    Path dir;
    String store;

    @BeforeEach
    void paths() {
        store = dir.resolve("cerebro.duckdb").toString();
    }

    private Run exp(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "exp";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--store";
        full[args.length + 2] = store;
        return CliTestSupport.run(full);
    }

    private Run ok(String... args) {
        Run r = exp(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    /** 800 users over three countries, assigned in a batch; converted with 10% in control and 16% in treatment. */
    private void runExperiment() throws Exception {
        ok("create", "checkout-v2", "--variants", "control:0.5,treatment:0.5", "--metric", "converted:binary",
                "--metric", "revenue:continuous", "--min-samples", "100", "--strata", "country", "--mde", "0.05", "--salt", "s1");
        ok("start", "checkout-v2", "--reason", "launch");
        StringBuilder users = new StringBuilder("user_id,country\n");
        String[] countries = {"US", "FR", "BR"};
        for (int i = 0; i < 800; i++) {
            users.append("u").append(i).append(',').append(countries[i % 3]).append('\n');
        }
        Path usersCsv = Files.writeString(dir.resolve("users.csv"), users);
        Path assigned = dir.resolve("assigned.csv");
        Run a = ok("assign", "checkout-v2", "--file", usersCsv.toString(), "--unit-column", "user_id", "--output", assigned.toString());
        assertTrue(a.out().contains("assigned 800 units"), a.out());
        List<String> rows = Files.readAllLines(assigned);
        assertEquals("user_id,country,variant", rows.get(0));
        Random rnd = new Random(5);
        StringBuilder events = new StringBuilder("user_id,converted,revenue\n");
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            double p = f[2].equals("control") ? 0.10 : 0.16;
            int conv = rnd.nextDouble() < p ? 1 : 0;
            events.append(f[0]).append(',').append(conv).append(',').append(conv == 1 ? Math.round(rnd.nextDouble() * 5000) / 100.0 : 0).append('\n');
        }
        Path eventsCsv = Files.writeString(dir.resolve("events.csv"), events);
        Run rec = ok("record", "checkout-v2", "--file", eventsCsv.toString(), "--unit-column", "user_id");
        assertTrue(rec.out().contains("recorded 1600 events"), rec.out());
    }

    @Test
    void analyzeGivesTheSameNumbersAsAbtestOnTheExportedFile() throws Exception {
        runExperiment();
        Run analysis = ok("analyze", "checkout-v2", "--format", "json");
        Path export = dir.resolve("events-export.csv");
        ok("export", "checkout-v2", "--output", export.toString());
        assertEquals("unit,variant,country,converted,revenue", Files.readAllLines(export).get(0));
        Run abtest = CliTestSupport.run("abtest", export.toString(), "--treatment", "variant", "--outcome", "converted",
                "--control", "control", "--outcome-type", "binary", "--test", "msprt", "--mde", "0.05", "--allocation", "0.5,0.5",
                "--format", "json");
        assertEquals(0, abtest.code(), abtest.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(analysis.out());
        JsonNode b = json.readTree(abtest.out());
        for (String field : List.of("method", "estimate", "standardError", "interval", "pValue", "sampleSizes", "arms", "estimates", "diagnostics")) {
            assertEquals(b.get(field), a.get(field), field);
        }
        assertEquals("srm", a.get("diagnostics").get(0).get("name").asText());
        assertTrue(a.get("details").get("stopping").get("arms").get(0).has("conditional_power"), a.toString());
        // the same for the continuous metric
        Run rev = ok("analyze", "checkout-v2", "--metric", "revenue", "--format", "json");
        Run abRev = CliTestSupport.run("abtest", export.toString(), "--treatment", "variant", "--outcome", "revenue", "--control", "control",
                "--outcome-type", "continuous", "--test", "msprt", "--allocation", "0.5,0.5", "--format", "json");
        assertEquals(json.readTree(abRev.out()).get("estimates"), json.readTree(rev.out()).get("estimates"));
    }

    @Test
    void theLifecycleReadsAsAUserExpects() throws Exception {
        runExperiment();
        Run text = ok("analyze", "checkout-v2");
        assertTrue(text.out().contains("treatment vs control  ab.msprt"), text.out());
        assertTrue(text.out().contains("experiment checkout-v2 (running, msprt): decision "), text.out());
        Run rec = ok("recommend", "checkout-v2");
        assertTrue(rec.out().startsWith("winner: treatment") || rec.out().contains("units per variant"), rec.out());
        Run show = ok("show", "checkout-v2");
        assertTrue(show.out().contains("decisions") && show.out().contains("launch"), show.out());
        assertTrue(ok("list").out().contains("checkout-v2"));
        Run sticky = ok("assign", "checkout-v2", "--unit", "u0", "--attr", "country=US");
        ok("pause", "checkout-v2", "--reason", "incident");
        Run paused = ok("assign", "checkout-v2", "--unit", "u0");
        assertEquals("control", paused.out().strip());
        assertTrue(paused.err().contains("is paused: every unit gets the control"), paused.err());
        ok("start", "checkout-v2");
        assertEquals(sticky.out(), ok("assign", "checkout-v2", "--unit", "u0").out());
        ok("record", "checkout-v2", "--unit", "late-user", "--metric", "converted=1", "--metric", "revenue=20");
        ok("stop", "checkout-v2", "--reason", "shipped");
        assertTrue(ok("show", "checkout-v2").out().contains("1602 events"));
    }

    @Test
    void badInputIsOneLineWithExitCode2AndNothingStoredIsLost() throws Exception {
        ok("create", "e", "--variants", "control:0.5,treatment:0.5", "--metric", "converted:binary");
        ok("start", "e");
        ok("record", "e", "--unit", "u1", "--metric", "converted=1");
        CliTestSupport.badInput(exp("analyze", "nope"), "no experiment named 'nope'", "cerebro exp list");
        CliTestSupport.badInput(exp("record", "nope", "--unit", "u", "--metric", "converted=1"), "no experiment named 'nope'");
        CliTestSupport.badInput(exp("assign", "nope", "--unit", "u"), "no experiment named 'nope'", "cerebro exp create nope");
        CliTestSupport.badInput(exp("record", "e", "--unit", "u2", "--metric", "clicks=1"), "has no metric 'clicks'", "its metrics are converted");
        CliTestSupport.badInput(exp("create", "f", "--variants", "control:0.5,treatment:0.6", "--metric", "converted:binary"),
                "sum to 1.1, not 1");
        CliTestSupport.badInput(exp("allocate", "e", "--variants", "control:0.5,treatment:0.6"), "sum to 1.1, not 1");
        assertTrue(ok("show", "e").out().contains("control 50.00%, treatment 50.00%"), "the refused allocation changed nothing");
        CliTestSupport.badInput(exp("record", "e", "--unit", "u2", "--metric", "converted=yes"), "not a number");
        CliTestSupport.badInput(exp("assign", "e"), "--unit ID or --file FILE");
        CliTestSupport.badInput(exp("analyze", "e", "--report", dir.resolve("r.pdf").toString()), "--report must end in .html or .md");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "unit,converted,clicks\nu5,1,3\nu6,0,1\n");
        CliTestSupport.badInput(exp("record", "e", "--file", bad.toString()), "column 'clicks'", "nothing was stored");
        ok("stop", "e", "--reason", "done");
        CliTestSupport.badInput(exp("record", "e", "--unit", "u1", "--metric", "converted=1"), "is stopped", "nothing was stored");
        Path later = Files.writeString(dir.resolve("later.csv"), "unit,converted\nu1,1\nu7,0\n");
        CliTestSupport.badInput(exp("record", "e", "--file", later.toString()), "is stopped", "nothing was stored");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run pg = CliTestSupport.run("exp", "list", "--store", "postgresql://cerebro:pw@127.0.0.1:" + closed + "/db");
        CliTestSupport.badInput(pg, "cannot connect to the PostgreSQL store", "check that the server runs");
        assertTrue(!pg.err().contains(":pw@"), pg.err());
        // the same for the server: it refuses to start rather than serve a store it cannot reach
        Run serve = CliTestSupport.run("serve", "--port", "0", "--store", "postgresql://cerebro:pw@127.0.0.1:" + closed + "/db");
        CliTestSupport.badInput(serve, "cannot connect to the PostgreSQL store", "check that the server runs");
        assertTrue(!serve.err().contains(":pw@"), serve.err());
        Run show = ok("show", "e");
        assertTrue(show.out().contains("{control=1}, 1 events") || show.out().contains("{treatment=1}, 1 events"), show.out());
        assertTrue(!ok("list").out().contains("f "), "the refused experiment was not created");
    }
}
