package io.cerebro.core.tune.study;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.journal.TrialJournal;
import io.cerebro.core.tune.objective.Objective;
import io.cerebro.core.tune.objective.Outcome;
import io.cerebro.core.tune.sampler.Sampler;
import io.cerebro.core.tune.sampler.Samplers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a study: {@code parallel} workers each claim a trial from the journal (the sampler proposes
 * its configuration under the journal's lock, from the trials finished so far), evaluate it and
 * record the outcome, until the budget is used. A failed or timed-out trial is recorded and the
 * study goes on. With one worker the study is reproducible: the same seed gives the same trials,
 * and a resumed study the trials it would have had. With several workers (or several tuner
 * processes on one journal) the proposals depend on which trials finished first.
 */
public final class StudyRunner {
    private StudyRunner() {
    }

    /**
     * @param spec      the study
     * @param objective what a trial evaluates
     * @param resume    continue a journal that already holds trials (without it such a journal is refused)
     * @param progress  told after each trial
     * @return the finished study
     */
    public static StudyResult run(StudySpec spec, Objective objective, boolean resume, ProgressListener progress) {
        Sampler sampler = Samplers.of(spec);
        try (TrialJournal journal = TrialJournal.open(spec.journal())) {
            List<Trial> existing = journal.trials();
            String owner = journal.studyName();
            if (!resume && (!existing.isEmpty() || owner != null)) {
                throw new UserInputException("journal " + spec.journal() + " already holds " + existing.size() + " trials of study '" + owner
                        + "'; pass --resume to continue it, or delete the file to start over");
            }
            journal.begin(spec.name());
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            ExecutorService pool = Executors.newFixedThreadPool(spec.parallel(), r -> {
                Thread t = new Thread(r, "tune-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < spec.parallel(); w++) {
                    workers.add(pool.submit(() -> work(spec, sampler, objective, journal, progress, failure)));
                }
                for (Future<?> f : workers) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            return StudyResult.of(spec, journal.trials());
        }
    }

    private static void work(StudySpec spec, Sampler sampler, Objective objective, TrialJournal journal, ProgressListener progress,
                             AtomicReference<RuntimeException> failure) {
        while (failure.get() == null && !Thread.currentThread().isInterrupted()) {
            Trial t;
            try {
                t = journal.claim(spec.trials(), sampler::suggest);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                return;
            }
            if (t == null) {
                return;
            }
            long start = System.nanoTime();
            Outcome o;
            try {
                o = objective.evaluate(t.params(), t.number());
            } catch (RuntimeException e) {
                o = Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (o.state() == Trial.State.COMPLETE && o.values().size() != spec.directions().size()) {
                o = Outcome.failed("the objective gave " + o.values().size() + " values, the study has " + spec.directions().size() + " directions");
            }
            Trial done = new Trial(t.number(), t.params(), o.state(), o.values(), o.spread(), o.runs(), o.error(), seconds, t.owner());
            journal.finish(done);
            if (progress != ProgressListener.NONE) {
                List<Trial> all = journal.trials();
                int finished = (int) all.stream().filter(x -> x.state() != Trial.State.RUNNING).count();
                progress.trialFinished(finished, spec.trials(), done, StudyResult.best(spec, all));
            }
        }
    }
}
