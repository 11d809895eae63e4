package io.cerebro.core.tune;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.journal.TrialJournal;
import io.cerebro.core.tune.objective.Outcome;
import io.cerebro.core.tune.study.ProgressListener;
import io.cerebro.core.tune.study.StudyResult;
import io.cerebro.core.tune.study.StudyRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal keeps every trial through kill -9 and concurrent tuner processes, and a resumed study continues exactly. */
class JournalTest {
    static StudySpec spec(Path journal, String sampler, int trials, int parallel) {
        String yaml = """
                name: quad
                objective: {command: "true", direction: minimize}
                parameter_space:
                  x: {type: float, range: [0, 1]}
                  k: {type: int, range: [1, 64], log: true}
                  c: {type: categorical, choices: [a, b, c]}
                sampler: %s
                trials: %d
                seed: 3
                parallel: %d
                """.formatted(sampler, trials, parallel);
        return StudySpecReader.parse(yaml, "test", journal.getParent(), journal);
    }

    static double quadratic(Map<String, Object> p) {
        double x = ((Number) p.get("x")).doubleValue();
        double k = ((Number) p.get("k")).doubleValue();
        return (x - 0.3) * (x - 0.3) + Math.pow(Math.log(k / 8.0), 2) / 10 + ("b".equals(p.get("c")) ? 0 : 0.2);
    }

    static StudyResult runInProcess(Path journal, String sampler, int trials, boolean resume) {
        return StudyRunner.run(spec(journal, sampler, trials, 1), (p, n) -> Outcome.of(quadratic(p)), resume, ProgressListener.NONE);
    }

    static Process child(Path journal, String sampler, int trials, long sleepMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TuneChildMain.class.getName(), journal.toString(), sampler,
                Integer.toString(trials), Long.toString(sleepMs)).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
    }

    static long finishLines(Path journal) throws Exception {
        if (!Files.exists(journal)) {
            return 0;
        }
        return Files.readAllLines(journal).stream().filter(l -> l.contains("\"event\":\"finish\"")).count();
    }

    @Test
    void killMinusNineThenResumeLosesAndRepeatsNothingAndMatchesAnUninterruptedStudy(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("reference.jsonl");
        List<Trial> uninterrupted = runInProcess(reference, "tpe", 30, false).trials();

        Path journal = dir.resolve("killed.jsonl");
        Process p = child(journal, "tpe", 30, 40);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (finishLines(journal) < 12 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the child tuner ended before it could be killed");
        p.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no flush
        p.waitFor(10, TimeUnit.SECONDS);
        long before = finishLines(journal);
        assertTrue(before >= 12 && before < 30, "killed after " + before + " trials");

        List<Trial> resumed = runInProcess(journal, "tpe", 30, true).trials();
        assertEquals(30, resumed.size());
        for (int i = 0; i < 30; i++) {
            assertEquals(i, resumed.get(i).number());
            assertEquals(Trial.State.COMPLETE, resumed.get(i).state());
            assertEquals(uninterrupted.get(i).params(), resumed.get(i).params(), "trial " + i + " differs from the uninterrupted study");
            assertEquals(uninterrupted.get(i).value(), resumed.get(i).value(), 0.0);
        }
    }

    @Test
    void twoTunerProcessesOnOneJournalShareTheBudgetWithoutDuplicates(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("shared.jsonl");
        Files.writeString(journal, "{\"event\":\"study\",\"name\":\"quad\"}\n");
        Process a = child(journal, "random", 60, 5);
        Process b = child(journal, "random", 60, 5);
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue());
        assertEquals(0, b.exitValue());
        List<String> lines = Files.readAllLines(journal);
        assertEquals(60, lines.stream().filter(l -> l.contains("\"event\":\"finish\"")).count());
        assertEquals(60, lines.stream().filter(l -> l.contains("\"event\":\"start\"")).count());
        try (TrialJournal j = TrialJournal.open(journal)) {
            List<Trial> ts = j.trials();
            assertEquals(60, ts.size());
            assertEquals(2, ts.stream().map(Trial::owner).distinct().count(), "both tuners ran trials");
            for (int i = 0; i < 60; i++) {
                assertEquals(i, ts.get(i).number());
                assertTrue(ts.get(i).complete());
            }
        }
    }

    @Test
    void aTornLastLineIsSkippedAndItsTrialRerun(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("torn.jsonl");
        runInProcess(journal, "random", 5, false);
        // a start written by a dead process, then a line cut short by the crash
        Files.writeString(journal, "{\"event\":\"start\",\"trial\":5,\"params\":{\"x\":0.5,\"k\":4,\"c\":\"a\"},\"owner\":\"999999999:1\"}\n{\"event\":\"fin",
                java.nio.file.StandardOpenOption.APPEND);
        List<Trial> ts = runInProcess(journal, "random", 8, true).trials();
        assertEquals(8, ts.size());
        assertEquals(Map.of("x", 0.5, "k", 4L, "c", "a"), ts.get(5).params());
        assertTrue(ts.stream().allMatch(Trial::complete));
    }

    @Test
    void aJournalWithTrialsNeedsResumeAndThousandsOfTrialsReadBack(@TempDir Path dir) {
        Path journal = dir.resolve("big.jsonl");
        runInProcess(journal, "random", 1000, false);
        UserInputException e = assertThrows(UserInputException.class, () -> runInProcess(journal, "random", 1000, false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        try (TrialJournal j = TrialJournal.open(journal)) {
            assertEquals(1000, j.trials().size());
        }
        StudyResult r = runInProcess(journal, "random", 1000, true);
        assertEquals(1000, r.trials().size());
    }
}
