package io.cerebro.core.tune;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.objective.Outcome;
import io.cerebro.core.tune.study.ProgressListener;
import io.cerebro.core.tune.study.StudyResult;
import io.cerebro.core.tune.study.StudyRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --warm-start}: the complete trials of a finished Branin study seed the sampler of a second
 * one, which then reaches a Branin value within 5% of the published minimum (0.397887) in fewer of
 * its own trials than the same study started cold, over seeds. The seeding trials are not re-run,
 * not written to the new journal and not counted against its budget.
 */
class WarmStartTest {
    static final double TARGET = 0.397887 * 1.05;

    static StudySpec spec(Path dir, String name, String sampler, int trials, long seed) {
        return StudySpecReader.parse(BenchmarkFunctionsTest.BRANIN + "sampler: " + sampler + "\ntrials: " + trials + "\nseed: " + seed + "\n",
                "test", dir, dir.resolve(name + ".jsonl"));
    }

    /** @return the first trial (1-based count of own trials) whose value reaches the target, or trials + 1 when none does. */
    static int trialsToTarget(StudyResult r) {
        for (Trial t : r.trials()) {
            if (t.complete() && t.value() <= TARGET) {
                return t.number() + 1;
            }
        }
        return r.trials().size() + 1;
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void warmStartReachesTheTargetInFewerTrialsThanCold(@TempDir Path dir) {
        int seeds = 10;
        int[] cold = new int[seeds];
        int[] warm = new int[seeds];
        int warmWins = 0;
        for (int s = 0; s < seeds; s++) {
            // the earlier, finished study: 20 random trials of the same space (another seed)
            StudySpec first = spec(dir, "first" + s, "random", 20, 1000 + s);
            StudyRunner.run(first, (p, n) -> Outcome.of(BenchmarkFunctionsTest.branin(p)), false, ProgressListener.NONE);
            List<Trial> seedTrials = StudyRunner.warmTrials(spec(dir, "x", "tpe", 1, 0), first.journal());
            assertEquals(20, seedTrials.size());
            AtomicInteger evaluations = new AtomicInteger();
            StudySpec coldSpec = spec(dir, "cold" + s, "gp", 30, s);
            StudySpec warmSpec = spec(dir, "warm" + s, "gp", 30, s);
            cold[s] = trialsToTarget(StudyRunner.run(coldSpec, (p, n) -> Outcome.of(BenchmarkFunctionsTest.branin(p)), false, ProgressListener.NONE));
            StudyResult w = StudyRunner.run(warmSpec, (p, n) -> {
                evaluations.incrementAndGet();
                return Outcome.of(BenchmarkFunctionsTest.branin(p));
            }, false, ProgressListener.NONE, seedTrials);
            warm[s] = trialsToTarget(w);
            assertEquals(30, evaluations.get(), "warm trials are not re-run");
            assertEquals(30, w.trials().size(), "nor counted");
            assertTrue(w.trials().stream().allMatch(t -> t.number() >= 0), "nor written to the new journal");
            if (warm[s] < cold[s]) {
                warmWins++;
            }
        }
        double medCold = BenchmarkFunctionsTest.median(java.util.Arrays.stream(cold).asDoubleStream().toArray());
        double medWarm = BenchmarkFunctionsTest.median(java.util.Arrays.stream(warm).asDoubleStream().toArray());
        String msg = "trials to within 5% of the Branin minimum (31 = not reached in 30): cold " + java.util.Arrays.toString(cold) + " median " + medCold
                + ", warm " + java.util.Arrays.toString(warm) + " median " + medWarm + "; warm faster on " + warmWins + "/" + seeds;
        System.out.println("warm start " + msg);
        assertTrue(medWarm < medCold, msg);
        assertTrue(warmWins >= seeds / 2 + 1, msg);
    }

    @Test
    void warmStartRefusesWhatIsNotAFinishedStudy(@TempDir Path dir) throws Exception {
        StudySpec s = spec(dir, "s", "tpe", 5, 0);
        assertThrows(UserInputException.class, () -> StudyRunner.warmTrials(s, dir.resolve("missing.jsonl")));
        Files.writeString(dir.resolve("notes.txt"), "hello\n");
        UserInputException e = assertThrows(UserInputException.class, () -> StudyRunner.warmTrials(s, dir.resolve("notes.txt")));
        assertTrue(e.getMessage().contains("not a trial journal"), e.getMessage());
        // trials outside this study's space are left out
        StudySpec narrow = StudySpecReader.parse("name: n\nobjective: {command: \"true\"}\nparameter_space:\n  x1: {type: float, range: [0, 1]}\n"
                + "  x2: {type: float, range: [0, 1]}\nsampler: random\ntrials: 20\nseed: 1\n", "t", dir, dir.resolve("n.jsonl"));
        StudySpec wide = spec(dir, "wide", "random", 10, 1);
        StudyRunner.run(wide, (p, n) -> Outcome.of(BenchmarkFunctionsTest.branin(p)), false, ProgressListener.NONE);
        List<Trial> fit = StudyRunner.warmTrials(narrow, wide.journal());
        assertTrue(fit.size() < 10, "most Branin points lie outside [0,1]^2: " + fit.size());
        for (Trial t : fit) {
            assertTrue(((Number) t.params().get("x1")).doubleValue() <= 1 && ((Number) t.params().get("x2")).doubleValue() <= 1);
        }
    }
}
