package io.cerebro.agents.improve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The experience store loses nothing: concurrent appends from threads and from processes all land as
 * whole lines, a writer killed with SIGKILL loses no acknowledged record, and a torn last line is
 * skipped and followed by whole records.
 */
class ExperienceStoreTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void concurrentThreadsAndProcessesInterleaveWholeRecords() throws Exception {
        Path file = dir.resolve("experience.jsonl");
        List<Process> children = List.of(child(file, "p1", 150), child(file, "p2", 150));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String tag = "t" + t;
            futures.add(pool.submit(() -> {
                ExperienceStore store = new ExperienceStore(file);
                for (int i = 0; i < 50; i++) {
                    store.append(ExperienceWriterMain.record(tag, i));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        for (Process p : children) {
            assertTrue(p.waitFor(4, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        ExperienceStore.Contents c = new ExperienceStore(file).read();
        assertEquals(0, c.skipped());
        assertEquals(4 * 50 + 2 * 150, c.records().size());
        Set<String> ids = new HashSet<>();
        c.records().forEach(r -> ids.add(r.caseId()));
        assertEquals(4 * 50 + 2 * 150, ids.size(), "a record is missing or repeated");
        for (int i = 0; i < 150; i++) {
            assertTrue(ids.contains("p1-" + i) && ids.contains("p2-" + i));
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aWriterKilledWithSigkillLosesNoAcknowledgedRecord() throws Exception {
        Path file = dir.resolve("experience.jsonl");
        Process p = child(file, "k", 0);
        int acked = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                acked = Integer.parseInt(line.substring("acked ".length()));
                if (acked >= 40) {
                    break;
                }
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        }
        assertTrue(acked >= 40, "the child acknowledged " + acked);
        ExperienceStore store = new ExperienceStore(file);
        ExperienceStore.Contents c = store.read();
        Set<String> ids = new HashSet<>();
        c.records().forEach(r -> ids.add(r.caseId()));
        for (int i = 0; i <= acked; i++) {
            assertTrue(ids.contains("k-" + i), "acknowledged record k-" + i + " was lost");
        }
        assertTrue(c.skipped() <= 1, "more than the last line torn: " + c.skipped());
        store.append(ExperienceWriterMain.record("after", 0));
        ExperienceStore.Contents again = store.read();
        assertEquals("after-0", again.records().get(again.records().size() - 1).caseId());
        assertEquals(c.skipped(), again.skipped());
    }

    @Test
    void aTornLastLineIsSkippedAndTheNextRecordStartsOnItsOwnLine() throws Exception {
        Path file = dir.resolve("experience.jsonl");
        ExperienceStore store = new ExperienceStore(file);
        store.append(ExperienceWriterMain.record("a", 0));
        Files.writeString(file, "{\"time\":\"2026-01-01T00:00:00Z\",\"family\":\"ab\",\"caseId\":\"torn", StandardOpenOption.APPEND);
        store.append(ExperienceWriterMain.record("a", 1));
        ExperienceStore.Contents c = store.read();
        assertEquals(List.of("a-0", "a-1"), c.records().stream().map(Experience::caseId).toList());
        assertEquals(1, c.skipped());
        assertEquals(List.of(), new ExperienceStore(dir.resolve("absent.jsonl")).records());
    }

    private static Process child(Path file, String tag, int count) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ExperienceWriterMain.class.getName(), file.toString(), tag, String.valueOf(count))
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
    }
}
