package io.cerebro.core.tune;

import io.cerebro.core.tune.objective.Outcome;
import io.cerebro.core.tune.study.StudyRunner;

import java.nio.file.Path;

/**
 * A tuner process for the journal tests: runs {@link JournalTest#spec} on the journal given as
 * argument with an in-process objective that sleeps, so a test can kill it mid-study.
 * Arguments: journal, sampler, trials, sleep milliseconds.
 */
public final class TuneChildMain {
    public static void main(String[] args) {
        StudySpec spec = JournalTest.spec(Path.of(args[0]), args[1], Integer.parseInt(args[2]), 1);
        long sleep = Long.parseLong(args[3]);
        StudyRunner.run(spec, (p, n) -> {
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Outcome.of(JournalTest.quadratic(p));
        }, true, (f, b, l, best) -> {
        });
    }
}
