package io.cerebro.core.tune.prune;

import io.cerebro.core.tune.journal.Trial;

import java.util.ArrayList;
import java.util.List;

/**
 * Optuna's {@code MedianPruner} (its {@code PercentilePruner} at the 50th percentile): at a step, the
 * trial is pruned when the best loss it has reported so far is worse than the median of the losses
 * the completed trials reported at that same step. Nothing is pruned before
 * {@code startupTrials} trials have completed, before step {@code warmupSteps}, off the
 * {@code intervalSteps} grid, or when no completed trial reported that step.
 *
 * @param startupTrials completed trials needed before pruning (Optuna's n_startup_trials: 5)
 * @param warmupSteps   steps below which a trial is never pruned (n_warmup_steps: 0)
 * @param intervalSteps prune only at warmupSteps + k * intervalSteps (interval_steps: 1)
 */
public record MedianPruner(int startupTrials, long warmupSteps, long intervalSteps) implements Pruner {
    public MedianPruner {
        if (startupTrials < 0 || warmupSteps < 0 || intervalSteps < 1) {
            throw new io.cerebro.core.error.UserInputException("pruner: n_startup_trials and n_warmup_steps must be >= 0, interval_steps >= 1");
        }
    }

    @Override
    public boolean prune(int number, List<Trial.Step> steps, List<Trial> others) {
        if (steps.isEmpty()) {
            return false;
        }
        List<Trial> complete = others.stream().filter(t -> t.complete() && t.number() != number).toList();
        if (complete.size() < startupTrials) {
            return false;
        }
        long step = steps.get(steps.size() - 1).step();
        if (step < warmupSteps || (step - warmupSteps) % intervalSteps != 0) {
            return false;
        }
        List<Double> there = new ArrayList<>();
        for (Trial t : complete) {
            double v = t.valueAt(step);
            if (!Double.isNaN(v)) {
                there.add(v);
            }
        }
        if (there.isEmpty()) {
            return false;
        }
        double best = Double.POSITIVE_INFINITY;
        for (Trial.Step s : steps) {
            if (Double.isNaN(s.value())) {
                continue;
            }
            best = Math.min(best, s.value());
        }
        if (best == Double.POSITIVE_INFINITY) {
            return true; // every value so far is NaN, as Optuna prunes it
        }
        return best > median(there);
    }

    /** @return the median, interpolated between the middle two for an even count (numpy's nanpercentile at 50). */
    static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
