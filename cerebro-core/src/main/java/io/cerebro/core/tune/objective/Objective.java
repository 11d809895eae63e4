package io.cerebro.core.tune.objective;

import java.util.Map;

/** Evaluates one configuration. Implementations must be safe to call from several threads at once. */
@FunctionalInterface
public interface Objective {
    /**
     * @param params the trial's configuration
     * @param trial  the trial's number
     * @return the outcome; a failure is an outcome, not an exception
     */
    Outcome evaluate(Map<String, Object> params, int trial);

    /**
     * Evaluates with a reporter for intermediate values, so a pruner can stop a bad trial early. An
     * objective that reports none ignores it (the default); one that does calls
     * {@link Reporter#report} after each step and stops when it returns true, returning
     * {@link Outcome#pruned}.
     */
    default Outcome evaluate(Map<String, Object> params, int trial, Reporter reporter) {
        return evaluate(params, trial);
    }

    /** Receives a trial's intermediate values. */
    @FunctionalInterface
    interface Reporter {
        /** A reporter that never prunes. */
        Reporter NONE = (step, value) -> false;

        /**
         * @param step  the step, increasing
         * @param value the first objective's value at that step
         * @return true when the trial should stop (it is pruned)
         */
        boolean report(long step, double value);
    }
}
