package io.cerebro.core.tune.prune;

import io.cerebro.core.tune.journal.Trial;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Optuna's {@code SuccessiveHalvingPruner} (asynchronous successive halving, Li et al. 2020). Rung
 * {@code r} is at step {@code minResource * eta^(minEarlyStoppingRate + r)}. When a trial first
 * reports a step at or past a rung, its value there is its rung value; it is promoted (goes on) when
 * that value is among the best {@code 1/eta} of the rung values of every trial that reached the rung,
 * itself included: with {@code k} such values, it must be no worse than the
 * {@code max(k / eta - 1, 0)}-th smallest. Otherwise it is pruned.
 *
 * @param minResource           the first rung's step (min_resource; 1)
 * @param reductionFactor       eta (reduction_factor; 4 in Optuna, 3 in Hyperband's paper)
 * @param minEarlyStoppingRate  rungs skipped at the bottom (min_early_stopping_rate; 0)
 * @param peers                 which other trials compete (Hyperband: those of the same bracket)
 */
public record SuccessiveHalvingPruner(long minResource, int reductionFactor, int minEarlyStoppingRate, IntPredicate peers) implements Pruner {
    public SuccessiveHalvingPruner {
        if (minResource < 1 || reductionFactor < 2 || minEarlyStoppingRate < 0) {
            throw new io.cerebro.core.error.UserInputException("pruner: min_resource must be >= 1, reduction_factor >= 2, min_early_stopping_rate >= 0");
        }
    }

    /** The pruner with every trial competing. */
    public SuccessiveHalvingPruner(long minResource, int reductionFactor, int minEarlyStoppingRate) {
        this(minResource, reductionFactor, minEarlyStoppingRate, n -> true);
    }

    /** @return the step of rung {@code r}. */
    public long rungStep(int r) {
        long s = minResource;
        for (int i = 0; i < minEarlyStoppingRate + r; i++) {
            s = Math.multiplyExact(s, reductionFactor);
        }
        return s;
    }

    @Override
    public boolean prune(int number, List<Trial.Step> steps, List<Trial> others) {
        if (steps.isEmpty()) {
            return false;
        }
        long step = steps.get(steps.size() - 1).step();
        long previous = steps.size() > 1 ? steps.get(steps.size() - 2).step() : Long.MIN_VALUE;
        double mine = steps.get(steps.size() - 1).value();
        // the rungs this step reaches for the first time, lowest first (lower ones were decided at earlier steps)
        for (int r = 0; ; r++) {
            long rung;
            try {
                rung = rungStep(r);
            } catch (ArithmeticException e) {
                return false;
            }
            if (step < rung) {
                return false;
            }
            if (previous >= rung) {
                continue;
            }
            if (Double.isNaN(mine)) {
                return true;
            }
            List<Double> competing = new ArrayList<>();
            competing.add(mine);
            for (Trial t : others) {
                if (t.number() != number && peers.test(t.number())) {
                    double v = t.valueAtOrAfter(rung);
                    if (!Double.isNaN(v)) {
                        competing.add(v);
                    }
                }
            }
            competing.sort(Double::compare);
            int idx = Math.max(competing.size() / reductionFactor - 1, 0);
            if (mine > competing.get(idx)) {
                return true;
            }
        }
    }

    @Override
    public List<Long> budgets(int number, long minBudget, long maxBudget) {
        List<Long> out = new ArrayList<>();
        for (int r = 0; ; r++) {
            long b = Math.max(minBudget, rungStep(r));
            if (b >= maxBudget) {
                break;
            }
            out.add(b);
        }
        out.add(maxBudget);
        return out;
    }
}
