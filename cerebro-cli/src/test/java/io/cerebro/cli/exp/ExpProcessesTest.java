package io.cerebro.cli.exp;

import io.cerebro.cli.CliTestSupport;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real child JVMs on one DuckDB store: concurrent {@code cerebro exp record} processes take turns on
 * the file's lock and lose nothing; a writer killed with SIGKILL in the middle of a batch leaves the
 * store as it was before the batch.
 */
class ExpProcessesTest {
    @TempDir
    Path dir;

    private static ProcessBuilder java(Class<?> main, String... args) {
        return io.cerebro.core.testing.ChildJvm.of(256, main, args);
    }

    private String setUp() {
        String store = dir.resolve("shared.duckdb").toString();
        assertEquals(0, CliTestSupport.run("exp", "create", "e", "--variants", "control:0.5,treatment:0.5", "--metric", "converted:binary",
                "--store", store).code());
        assertEquals(0, CliTestSupport.run("exp", "start", "e", "--store", store).code());
        assertEquals(0, CliTestSupport.run("exp", "record", "e", "--unit", "before", "--metric", "converted=1", "--store", store).code());
        return store;
    }

    @Test
    void concurrentRecordProcessesLoseNoEvent() throws Exception {
        String store = setUp();
        int processes = 4;
        int each = 8;
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            children.add(java(RecordLoopMain.class, store, "e", "p" + p, Integer.toString(each))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child-" + p + ".log").toFile()).start());
        }
        for (int p = 0; p < processes; p++) {
            Process c = children.get(p);
            assertTrue(c.waitFor(180, TimeUnit.SECONDS), "child " + p + " did not finish");
            assertEquals(0, c.exitValue(), "failed records in child " + p + ": " + java.nio.file.Files.readString(dir.resolve("child-" + p + ".log")));
        }
        try (ExperimentStore s = Stores.open(store, Map.of())) {
            assertEquals(1 + processes * each, s.eventCount("e"));
            assertEquals(1 + processes * each, s.variantCounts("e").values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void aWriterKilledMidBatchLeavesTheStoreAsBeforeTheBatch() throws Exception {
        String store = setUp();
        Process child = java(StalledBatchMain.class, store, "e").redirectError(dir.resolve("stalled.err").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("MID-BATCH"), "child said: " + line + " / "
                    + java.nio.file.Files.readString(dir.resolve("stalled.err")));
        }
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        try (ExperimentStore s = Stores.open(store, Map.of())) {
            assertEquals(1, s.eventCount("e"), "none of the killed batch is stored");
            assertEquals(Map.of(s.assignment("e", "before").orElseThrow().variant(), 1L), s.variantCounts("e"));
        }
        // the store is usable: the next writer records normally
        assertEquals(0, CliTestSupport.run("exp", "record", "e", "--unit", "after", "--metric", "converted=0", "--store", store).code());
        try (ExperimentStore s = Stores.open(store, Map.of())) {
            assertEquals(2, s.eventCount("e"));
        }
    }
}
