package io.cerebro.core.tune;

import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.objective.Objective;
import io.cerebro.core.tune.objective.Outcome;
import io.cerebro.core.tune.prune.HyperbandPruner;
import io.cerebro.core.tune.prune.MedianPruner;
import io.cerebro.core.tune.prune.SuccessiveHalvingPruner;
import io.cerebro.core.tune.study.ProgressListener;
import io.cerebro.core.tune.study.StudyResult;
import io.cerebro.core.tune.study.StudyRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pruning on a synthetic objective with known learning curves: configuration x has the curve
 * loss(t) = (x - 0.7)^2 + 0.5 / t over steps t = 1..27, so every curve keeps its rank at every step
 * and the best final configuration is the best at every step. Pruning must stop the bad
 * configurations early (a fraction of the steps of the unpruned study) and keep the best one.
 */
class PruningTest {
    static final int STEPS = 27;

    static double curve(Map<String, Object> p, long t) {
        double x = ((Number) p.get("x")).doubleValue();
        return (x - 0.7) * (x - 0.7) + 0.5 / t;
    }

    /** An objective that reports each step and stops when told; {@code work} counts the steps it ran. */
    static Objective learner(AtomicLong work) {
        return new Objective() {
            @Override
            public Outcome evaluate(Map<String, Object> params, int trial) {
                return evaluate(params, trial, Reporter.NONE);
            }

            @Override
            public Outcome evaluate(Map<String, Object> params, int trial, Reporter reporter) {
                List<Trial.Step> steps = new ArrayList<>();
                for (long t = 1; t <= STEPS; t++) {
                    work.incrementAndGet();
                    double v = curve(params, t);
                    steps.add(new Trial.Step(t, v));
                    if (reporter.report(t, v)) {
                        return Outcome.pruned(steps);
                    }
                }
                return Outcome.of(curve(params, STEPS));
            }
        };
    }

    static StudySpec spec(Path dir, String name, String pruner, String extraSpace, int trials) {
        String yaml = """
                name: %s
                objective: {command: "true", direction: minimize}
                parameter_space:
                  x: {type: float, range: [0, 1]}
                %ssampler: random
                trials: %d
                seed: 11
                pruner: %s
                """.formatted(name, extraSpace, trials, pruner);
        return StudySpecReader.parse(yaml, "test", dir, dir.resolve(name + ".jsonl"));
    }

    /** @return the number of the trial with the lowest final loss among the configurations the random sampler draws. */
    static double trueBestX(StudySpec spec) {
        StudyResult r = StudyRunner.run(spec.withPruner("none").with(null, null, null, null, spec.journal().resolveSibling("full-" + spec.name() + ".jsonl")),
                (p, n) -> Outcome.of(curve(p, STEPS)), false, ProgressListener.NONE);
        return ((Number) r.best().params().get("x")).doubleValue();
    }

    void stopsBadCurvesAndKeepsTheBest(Path dir, String pruner, double maxShare) {
        StudySpec spec = spec(dir, pruner.replaceAll("[^a-z]", ""), pruner, "", 40);
        AtomicLong work = new AtomicLong();
        StudyResult r = StudyRunner.run(spec, learner(work), false, ProgressListener.NONE);
        long full = 40L * STEPS;
        long pruned = r.trials().stream().filter(t -> t.state() == Trial.State.PRUNED).count();
        String msg = pruner + ": " + work.get() + " of " + full + " steps, " + pruned + " pruned";
        System.out.println("pruning " + msg);
        assertTrue(work.get() <= maxShare * full, msg);
        assertTrue(pruned >= 10, msg);
        assertEquals(trueBestX(spec), ((Number) r.best().params().get("x")).doubleValue(), 0.0, "the best configuration survives: " + msg);
        for (Trial t : r.trials()) {
            if (t.state() == Trial.State.PRUNED) {
                assertTrue(t.lastStep() < STEPS, "stopped early: " + t);
                assertEquals(t.lastStep(), t.steps().size(), "every step up to the last recorded");
                assertEquals(curve(t.params(), t.lastStep()), t.value(), 1e-12, "a pruned trial keeps its last value");
            } else {
                assertEquals(Trial.State.COMPLETE, t.state());
                assertEquals(STEPS, t.lastStep());
            }
        }
    }

    @Test
    void medianPrunerStopsBadConfigurationsEarly(@TempDir Path dir) {
        stopsBadCurvesAndKeepsTheBest(dir, "median", 0.35);
    }

    @Test
    void successiveHalvingStopsBadConfigurationsEarly(@TempDir Path dir) {
        stopsBadCurvesAndKeepsTheBest(dir, "{type: successive_halving, min_resource: 1, reduction_factor: 3}", 0.35);
    }

    @Test
    void hyperbandStopsBadConfigurationsEarly(@TempDir Path dir) {
        stopsBadCurvesAndKeepsTheBest(dir, "{type: hyperband, min_resource: 1, max_resource: 27, reduction_factor: 3}", 0.6);
    }

    /**
     * Multi-fidelity: the objective's loss at budget b is (x - 0.7)^2 + 0.5 / b; Hyperband raises the
     * budget of the configurations that stay among the best, and the best one reaches the maximum.
     */
    @Test
    void hyperbandRaisesTheBudgetOfPromisingConfigurations(@TempDir Path dir) {
        StudySpec spec = spec(dir, "mf", "hyperband", "  epochs: {type: budget, range: [1, 27]}\n", 40);
        AtomicLong budgetUsed = new AtomicLong();
        List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        StudyResult r = StudyRunner.run(spec, (p, n) -> {
            long b = ((Number) p.get("epochs")).longValue();
            budgetUsed.addAndGet(b);
            seen.add(b);
            return Outcome.of(curve(p, b));
        }, false, ProgressListener.NONE);
        String msg = "budget " + budgetUsed.get() + " of " + 40 * 27;
        System.out.println("multi-fidelity hyperband " + msg);
        assertTrue(budgetUsed.get() < 0.6 * 40 * 27, msg);
        assertTrue(seen.contains(1L) && seen.contains(3L) && seen.contains(9L) && seen.contains(27L), "rungs 1, 3, 9, 27: " + seen);
        Trial best = r.best();
        assertEquals(27L, ((Number) best.params().get("epochs")).longValue(), "a complete trial ran at the maximum budget");
        assertEquals(trueBestX(spec(dir, "mf2", "median", "", 40)), ((Number) best.params().get("x")).doubleValue(), 0.0, msg);
        assertTrue(r.trials().stream().anyMatch(t -> t.state() == Trial.State.PRUNED && t.lastStep() < 27), msg);
        for (Trial t : r.trials()) {
            for (Trial.Step s : t.steps()) {
                assertEquals(curve(t.params(), s.step()), s.value(), 1e-12, "the value at each budget is recorded at that budget");
            }
        }
    }

    @Test
    void resumeKeepsPrunedTrialsWithTheirSteps(@TempDir Path dir) {
        StudySpec spec = spec(dir, "resume", "median", "", 15);
        StudyResult first = StudyRunner.run(spec, learner(new AtomicLong()), false, ProgressListener.NONE);
        StudyResult more = StudyRunner.run(spec.with(25, null, null, null, null), learner(new AtomicLong()), true, ProgressListener.NONE);
        assertEquals(25, more.trials().size());
        for (int i = 0; i < 15; i++) {
            Trial a = first.trials().get(i);
            Trial b = more.trials().get(i);
            assertEquals(i, b.number());
            assertEquals(a.state(), b.state());
            assertEquals(a.steps(), b.steps(), "steps read back from the journal");
            assertEquals(a.params(), b.params());
        }
        assertTrue(more.trials().stream().anyMatch(t -> t.number() >= 15 && t.state() == Trial.State.PRUNED), "pruning goes on after resume");
        // a journal read cold (a new process) sees the same pruned trials
        try (io.cerebro.core.tune.journal.TrialJournal j = io.cerebro.core.tune.journal.TrialJournal.open(spec.journal())) {
            assertEquals(more.trials(), j.trials().stream().map(t -> new Trial(t.number(), t.params(), t.state(), t.values(), t.spread(), t.runs(),
                    t.error(), t.seconds(), more.trials().get(t.number()).owner(), t.steps())).toList());
        }
    }

    /** The rules of Optuna's pruners, worked by hand on small cases. */
    @Test
    void prunerRulesMatchOptunasDefinitions() {
        Trial a = done(0, 1.0, 2.0, 3.0);
        Trial b = done(1, 2.0, 4.0, 6.0);
        Trial c = done(2, 3.0, 6.0, 9.0);
        MedianPruner median = new MedianPruner(2, 0, 1);
        // at step 1 the completed values are 1, 2, 3: median 2; best so far 2.5 > 2 prunes, 2.0 does not
        assertTrue(median.prune(9, steps(2.5), List.of(a, b, c)));
        assertFalse(median.prune(9, steps(2.0), List.of(a, b, c)));
        // the trial's best so far counts, not its last: 1.5 then 9 (median at step 2 is 4) goes on
        assertFalse(median.prune(9, steps(1.5, 9.0), List.of(a, b, c)));
        // fewer than n_startup_trials completed: no pruning
        assertFalse(median.prune(9, steps(100.0), List.of(a)));
        // warm-up steps are never pruned
        assertFalse(new MedianPruner(0, 2, 1).prune(9, steps(100.0), List.of(a, b, c)));

        SuccessiveHalvingPruner sh = new SuccessiveHalvingPruner(1, 2, 0);
        assertEquals(List.of(1L, 2L, 4L, 8L), List.of(sh.rungStep(0), sh.rungStep(1), sh.rungStep(2), sh.rungStep(3)));
        // rung 0 (step 1): competing values 1, 2, 3 and ours 2.5 -> 4 values, keep the best 4/2 = 2: index 1 is 2.0; 2.5 > 2 is pruned
        assertTrue(sh.prune(9, steps(2.5), List.of(a, b, c)));
        assertFalse(sh.prune(9, steps(2.0), List.of(a, b, c)));
        // step 3 reaches no new rung (rungs at 1, 2, 4): never pruned there
        assertFalse(sh.prune(9, steps(1.0, 2.0, 100.0), List.of(a, b, c)));
        // alone at a rung, a trial is promoted (index max(1/2 - 1, 0) = 0 is itself)
        assertFalse(sh.prune(9, steps(50.0), List.of()));

        HyperbandPruner hb = new HyperbandPruner(1, 27, 3);
        assertEquals(4, hb.brackets());
        // Optuna's bracket budgets for n = 4, eta = 3: ceil(4*27/4) = 27, ceil(4*9/3) = 12, ceil(4*3/2) = 6, ceil(4*1/1) = 4
        int[] count = new int[4];
        for (int n = 0; n < 49; n++) {
            count[hb.bracket(n)]++;
        }
        assertEquals(List.of(27, 12, 6, 4), java.util.Arrays.stream(count).boxed().toList());
        assertEquals(List.of(1L, 3L, 9L, 27L), hb.budgets(0, 1, 27));
        assertEquals(List.of(27L), hb.budgets(48, 1, 27), "the last bracket runs at the maximum only");
    }

    static List<Trial.Step> steps(double... v) {
        List<Trial.Step> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            out.add(new Trial.Step(i + 1, v[i]));
        }
        return out;
    }

    static Trial done(int n, double... v) {
        return new Trial(n, Map.of(), Trial.State.COMPLETE, List.of(v[v.length - 1]), 0, List.of(), null, 0, "t", steps(v));
    }
}
