package io.cerebro.core.tune.prune;

import io.cerebro.core.tune.journal.Trial;

import java.util.ArrayList;
import java.util.List;

/**
 * Optuna's {@code HyperbandPruner} (Li et al. 2018): {@code floor(log_eta(max / min)) + 1} brackets,
 * bracket {@code b} a {@link SuccessiveHalvingPruner} with {@code min_early_stopping_rate = b}, so the
 * first bracket stops trials aggressively and the last runs every trial to the maximum. A trial's
 * bracket follows its number, each bracket receiving trials in proportion to Optuna's bracket budget
 * {@code ceil(n * eta^s / (s + 1))} (with {@code s = n - 1 - b}); a trial competes only with its bracket.
 *
 * @param minResource     the smallest step or budget (min_resource: 1)
 * @param maxResource     the largest (max_resource)
 * @param reductionFactor eta (reduction_factor: 3)
 */
public record HyperbandPruner(long minResource, long maxResource, int reductionFactor) implements Pruner {
    public HyperbandPruner {
        if (minResource < 1 || maxResource < minResource || reductionFactor < 2) {
            throw new io.cerebro.core.error.UserInputException("pruner: hyperband needs 1 <= min_resource <= max_resource and reduction_factor >= 2");
        }
    }

    /** @return the number of brackets. */
    public int brackets() {
        int n = 0;
        for (double r = (double) maxResource / minResource; r >= 1 - 1e-12; r /= reductionFactor) {
            n++;
        }
        return n;
    }

    /** @return the bracket of trial {@code number}. */
    public int bracket(int number) {
        int n = brackets();
        long[] budget = new long[n];
        long total = 0;
        for (int b = 0; b < n; b++) {
            int s = n - 1 - b;
            budget[b] = (long) Math.ceil(n * Math.pow(reductionFactor, s) / (s + 1));
            total += budget[b];
        }
        long slot = Math.floorMod(number, total);
        for (int b = 0; b < n; b++) {
            if (slot < budget[b]) {
                return b;
            }
            slot -= budget[b];
        }
        return n - 1;
    }

    private SuccessiveHalvingPruner of(int number) {
        int b = bracket(number);
        return new SuccessiveHalvingPruner(minResource, reductionFactor, b, other -> bracket(other) == b);
    }

    @Override
    public boolean prune(int number, List<Trial.Step> steps, List<Trial> others) {
        return of(number).prune(number, steps, others);
    }

    @Override
    public List<Long> budgets(int number, long minBudget, long maxBudget) {
        List<Long> out = new ArrayList<>(of(number).budgets(number, minBudget, maxBudget));
        return out;
    }
}
