package io.cerebro.core.tune.study;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.journal.TrialJournal;
import io.cerebro.core.tune.objective.Objective;
import io.cerebro.core.tune.objective.Outcome;
import io.cerebro.core.tune.sampler.Sampler;
import io.cerebro.core.tune.sampler.Samplers;
import io.cerebro.core.tune.prune.Pruner;
import java.util.LinkedHashMap;
import java.util.Map;

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
 *
 * <p>Pruning: each intermediate value a trial reports is written to the journal and given to the
 * study's {@link Pruner} with every other trial's; a pruned trial is recorded with its intermediate
 * values (the last is where it stopped) and counts against the budget. Multi-fidelity: with a budget
 * parameter, a trial runs at its pruner's rungs (the budget raised by the reduction factor each
 * time) and is stopped at the first rung where it is not among the best.
 *
 * <p>Warm start: the complete trials of another study are given to the sampler before this study's
 * own, numbered below 0; they are not re-run, not written to this journal, and not counted.
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
        return run(spec, objective, resume, progress, List.of());
    }

    /**
     * @param warm complete trials of an earlier study that seed the sampler ({@link #warmTrials})
     * @return the finished study
     */
    public static StudyResult run(StudySpec spec, Objective objective, boolean resume, ProgressListener progress, List<Trial> warm) {
        return run(spec, Samplers.of(spec), objective, resume, progress, warm);
    }

    /**
     * @param own the sampler to use instead of the one the spec names (a benchmark wraps it to time it)
     * @return the finished study
     */
    public static StudyResult run(StudySpec spec, Sampler own, Objective objective, boolean resume, ProgressListener progress, List<Trial> warm) {
        Sampler sampler = warm.isEmpty() ? own : (number, finished) -> {
            List<Trial> all = new ArrayList<>(warm.size() + finished.size());
            all.addAll(warm);
            all.addAll(finished);
            return own.suggest(number, all);
        };
        Pruner pruner = spec.pruner().build(spec.budget());
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
                    workers.add(pool.submit(() -> work(spec, sampler, pruner, objective, journal, progress, failure)));
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

    /**
     * @return the complete trials of another study's journal whose configurations fit {@code spec}'s
     * space (every active parameter present and in range), renumbered -n..-1 in their order, to seed
     * the sampler; a configuration that does not fit is left out
     */
    public static List<Trial> warmTrials(StudySpec spec, java.nio.file.Path otherJournal) {
        if (!java.nio.file.Files.isRegularFile(otherJournal)) {
            throw new UserInputException("--warm-start " + otherJournal + " does not exist; give the journal (or study YAML) of a finished study");
        }
        List<Trial> theirs;
        try (TrialJournal j = TrialJournal.open(otherJournal)) {
            if (j.studyName() == null) {
                throw new UserInputException("--warm-start " + otherJournal + " is not a trial journal; give the .journal.jsonl of a finished study");
            }
            theirs = j.trials().stream().filter(Trial::complete).toList();
        }
        if (otherJournal.toAbsolutePath().normalize().equals(spec.journal().toAbsolutePath().normalize())) {
            throw new UserInputException("--warm-start names this study's own journal; use --resume to continue it");
        }
        List<Trial> fit = new ArrayList<>();
        for (Trial t : theirs) {
            if (t.values().size() == spec.directions().size() && spec.space().fits(t.params())) {
                fit.add(t);
            }
        }
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < fit.size(); i++) {
            Trial t = fit.get(i);
            out.add(new Trial(i - fit.size(), t.params(), t.state(), t.values(), t.spread(), t.runs(), null, t.seconds(), "warm-start", t.steps()));
        }
        return out;
    }

    private static void work(StudySpec spec, Sampler sampler, Pruner pruner, Objective objective, TrialJournal journal, ProgressListener progress,
                             AtomicReference<RuntimeException> failure) {
        StudySpec.Budget budget = spec.budget();
        boolean maximize = spec.directions().get(0) == StudySpec.Direction.MAXIMIZE;
        while (failure.get() == null && !Thread.currentThread().isInterrupted()) {
            Trial t;
            try {
                t = journal.claim(spec.trials(), budget == null ? sampler::suggest : (number, finished) -> {
                    Map<String, Object> p = new LinkedHashMap<>(sampler.suggest(number, finished));
                    p.put(budget.name(), budget.max());
                    return p;
                });
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                return;
            }
            if (t == null) {
                return;
            }
            long start = System.nanoTime();
            List<Trial.Step> steps = java.util.Collections.synchronizedList(new ArrayList<>());
            Trial running = t;
            Objective.Reporter reporter = (step, value) -> {
                Trial.Step s = new Trial.Step(step, value);
                steps.add(s);
                journal.step(running.number(), s);
                List<Trial.Step> mine;
                synchronized (steps) {
                    mine = new ArrayList<>(steps);
                }
                return pruner.prune(running.number(), asLoss(mine, maximize), asLoss(journal.trials(), maximize, running.number()));
            };
            Outcome o;
            try {
                o = budget == null ? objective.evaluate(t.params(), t.number(), reporter) : rungs(t, budget, pruner, objective, reporter, steps);
            } catch (RuntimeException e) {
                o = Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            synchronized (steps) {
                o = o.withSteps(new ArrayList<>(steps));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (o.state() == Trial.State.COMPLETE && o.values().size() != spec.directions().size()) {
                o = Outcome.failed("the objective gave " + o.values().size() + " values, the study has " + spec.directions().size() + " directions");
            }
            Trial done = new Trial(t.number(), t.params(), o.state(), o.values(), o.spread(), o.runs(), o.error(), seconds, t.owner(), o.steps());
            journal.finish(done);
            if (progress != ProgressListener.NONE) {
                List<Trial> all = journal.trials();
                int finished = (int) all.stream().filter(x -> x.state() != Trial.State.RUNNING).count();
                progress.trialFinished(finished, spec.trials(), done, StudyResult.best(spec, all));
            }
        }
    }

    /**
     * Multi-fidelity: runs the configuration at each budget of its rungs, reports each value at the
     * budget as its step, and stops when the pruner says so (or at the last rung: the study's maximum).
     */
    private static Outcome rungs(Trial t, StudySpec.Budget budget, Pruner pruner, Objective objective, Objective.Reporter reporter,
                                 List<Trial.Step> steps) {
        List<Long> budgets = pruner.budgets(t.number(), budget.min(), budget.max());
        if (budgets.size() == 1) {
            // no rungs (median pruner): one run at the maximum, pruned by the intermediate values it reports
            return objective.evaluate(t.params(), t.number(), reporter);
        }
        Outcome o = null;
        for (long b : budgets) {
            Map<String, Object> p = new LinkedHashMap<>(t.params());
            p.put(budget.name(), b);
            o = objective.evaluate(p, t.number(), Objective.Reporter.NONE);
            if (o.state() != Trial.State.COMPLETE) {
                return o;
            }
            if (reporter.report(b, o.value())) {
                List<Trial.Step> mine;
                synchronized (steps) {
                    mine = new ArrayList<>(steps);
                }
                return Outcome.pruned(mine);
            }
        }
        return o;
    }

    private static List<Trial.Step> asLoss(List<Trial.Step> steps, boolean maximize) {
        if (!maximize) {
            return steps;
        }
        return steps.stream().map(s -> new Trial.Step(s.step(), -s.value())).toList();
    }

    private static List<Trial> asLoss(List<Trial> trials, boolean maximize, int except) {
        List<Trial> out = new ArrayList<>(trials.size());
        for (Trial x : trials) {
            if (x.number() == except) {
                continue;
            }
            out.add(!maximize ? x : new Trial(x.number(), x.params(), x.state(), x.values(), x.spread(), x.runs(), x.error(), x.seconds(),
                    x.owner(), asLoss(x.steps(), true)));
        }
        return out;
    }
}
