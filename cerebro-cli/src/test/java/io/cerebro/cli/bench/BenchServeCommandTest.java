package io.cerebro.cli.bench;

import io.cerebro.cli.CliTestSupport;
import io.cerebro.cli.serve.ExperimentHttpServer;
import io.cerebro.experiment.ExperimentDesigns;
import io.cerebro.experiment.Lifecycle;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro bench serve}: impossible settings are refused with one line before a server
 * starts; the launcher is found; the load client keeps one connection and reads answers whole; the
 * compiler-thread meter reads this JVM.
 */
class BenchServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void theClientKeepsOneConnectionAndReadsEveryAnswer() throws Exception {
        try (ExperimentStore store = Stores.open(dir.resolve("b.duckdb").toString())) {
            Lifecycle life = new Lifecycle(store);
            life.create(new Lifecycle.Design("b", ExperimentDesigns.variants("control:0.5,treatment:0.5"),
                    List.of(ExperimentDesigns.metric("converted:binary")), 10, null, null, null, SequentialTest.MSPRT, 0.05, 0.8, null, null,
                    0.2, "b-salt"));
            life.start("b", null);
            ExperimentHttpServer server = new ExperimentHttpServer(store, "127.0.0.1", 0, "t");
            try (KeepAliveHttpClient c = new KeepAliveHttpClient("127.0.0.1", server.port(), "t")) {
                for (int i = 0; i < 50; i++) {
                    KeepAliveHttpClient.Response r = c.post("/experiments/b/events",
                            ("{\"unit\":\"u" + i + "\",\"metric\":\"converted\",\"value\":1}").getBytes(StandardCharsets.UTF_8));
                    assertEquals(200, r.status(), r.text());
                    assertTrue(r.text().contains("\"recorded\":1"), r.text());
                }
                KeepAliveHttpClient.Response bad = c.post("/experiments/nope/assign", "{\"unit\":\"u\"}".getBytes(StandardCharsets.UTF_8));
                assertEquals(404, bad.status(), bad.text());
                assertTrue(c.get("/health").text().contains("\"requests_written\":50"));
                assertEquals(1, c.connections(), "keep-alive held for every request, errors included");
            } finally {
                server.close();
            }
            assertEquals(50, store.eventCount("b"));
        }
    }

    @Test
    void theCompilerMeterReadsAJvm() {
        double cpu = BenchServeCommand.compilerCpuSeconds(ProcessHandle.current().pid());
        assertTrue(cpu >= 0, "this JVM's compiler threads: " + cpu);
        assertTrue(Double.isNaN(BenchServeCommand.compilerCpuSeconds(-1)));
    }

    @Test
    void badSettingsExitWithCode2() {
        CliTestSupport.badInput(CliTestSupport.run("bench", "serve", "--clients", "0"), "--clients", "between 1 and 1024");
        CliTestSupport.badInput(CliTestSupport.run("bench", "serve", "--seconds", "0"), "--seconds", "at least 1");
        CliTestSupport.badInput(CliTestSupport.run("bench", "serve", "--batch", "0"), "--batch");
        CliTestSupport.badInput(CliTestSupport.run("bench", "serve", "--jar", "/no/such/cerebro-cli.jar"), "no cerebro-cli.jar");
    }

    @Test
    void theServerStartsAsAUserStartsIt() {
        Path jar = CliTestSupport.repoFile("cerebro").getParent().resolve("cerebro-cli/target/cerebro-cli.jar");
        assertEquals(List.of(CliTestSupport.repoFile("cerebro").toString()), BenchServeCommand.launcher(jar), "the ./cerebro launcher");
        Path elsewhere = Path.of("/opt/cerebro/lib/cerebro-cli.jar");
        assertEquals("-jar", BenchServeCommand.launcher(elsewhere).get(BenchServeCommand.launcher(elsewhere).size() - 2));
    }
}
