package io.cerebro.core.tune.journal;

import java.util.List;
import java.util.Map;

/**
 * One trial of a study.
 *
 * @param number  the trial's number, from 0, unique in the study
 * @param params  the configuration (active parameters only)
 * @param state   running, complete, failed or timeout
 * @param values  the mean of each objective over the repeats (in the user's direction), empty unless complete
 * @param spread  the standard deviation of the first objective over the repeats (0 for one repeat; NaN unless complete)
 * @param runs    the first objective of each repeat
 * @param error   why a failed or timed-out trial failed, or null
 * @param seconds the wall time of the trial
 * @param owner   the tuner process that ran (or is running) it
 * @param steps   the intermediate values the objective reported (lines {@code intermediate STEP VALUE}, or one per budget
 *                of a multi-fidelity study), in the order reported; a pruned trial's last step is where it stopped
 */
public record Trial(int number, Map<String, Object> params, State state, List<Double> values, double spread, List<Double> runs,
                    String error, double seconds, String owner, List<Step> steps) {
    /** A trial's state: pruned trials were stopped by the pruner after an intermediate value. */
    public enum State { RUNNING, COMPLETE, FAILED, TIMEOUT, PRUNED }

    /**
     * One intermediate value.
     *
     * @param step  the step (an epoch, an iteration, or the budget the value was measured at)
     * @param value the first objective's value there, in the user's direction
     */
    public record Step(long step, double value) {
    }

    public Trial {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        values = values == null ? List.of() : List.copyOf(values);
        runs = runs == null ? List.of() : List.copyOf(runs);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A trial without intermediate values. */
    public Trial(int number, Map<String, Object> params, State state, List<Double> values, double spread, List<Double> runs,
                 String error, double seconds, String owner) {
        this(number, params, state, values, spread, runs, error, seconds, owner, List.of());
    }

    /** @return the last step reported, or -1 for none. */
    public long lastStep() {
        return steps.isEmpty() ? -1 : steps.get(steps.size() - 1).step();
    }

    /** @return the value reported at the first step at or after {@code step}, or NaN when the trial never got there. */
    public double valueAtOrAfter(long step) {
        for (Step s : steps) {
            if (s.step() >= step) {
                return s.value();
            }
        }
        return Double.NaN;
    }

    /** @return the value reported at exactly {@code step}, or NaN. */
    public double valueAt(long step) {
        for (Step s : steps) {
            if (s.step() == step) {
                return s.value();
            }
        }
        return Double.NaN;
    }

    /** @return whether the trial finished with a value. */
    public boolean complete() {
        return state == State.COMPLETE;
    }

    /** @return the first objective's mean value. */
    public double value() {
        return values.isEmpty() ? Double.NaN : values.get(0);
    }
}
