package io.cerebro.core.tune.prune;

import io.cerebro.core.tune.journal.Trial;

import java.util.List;

/**
 * Decides after each intermediate value whether a trial goes on. Values are losses: the study's
 * first objective, negated when it is maximised, so lower is always better here.
 */
public interface Pruner {
    /** A pruner that never prunes. */
    Pruner NONE = (number, steps, others) -> false;

    /**
     * @param number the trial's number
     * @param steps  the trial's intermediate losses so far, the newest last
     * @param others every other trial of the study (any state), their intermediate values as losses
     * @return true to stop the trial now
     */
    boolean prune(int number, List<Trial.Step> steps, List<Trial> others);

    /**
     * @return the budgets at which a multi-fidelity study evaluates trial {@code number}, increasing,
     * the last being the study's maximum: the rungs of its successive-halving bracket. A pruner without
     * rungs evaluates at the maximum only.
     */
    default List<Long> budgets(int number, long minBudget, long maxBudget) {
        return List.of(maxBudget);
    }
}
