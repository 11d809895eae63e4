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
 */
public record Trial(int number, Map<String, Object> params, State state, List<Double> values, double spread, List<Double> runs,
                    String error, double seconds, String owner) {
    /** A trial's state. */
    public enum State { RUNNING, COMPLETE, FAILED, TIMEOUT }

    public Trial {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        values = values == null ? List.of() : List.copyOf(values);
        runs = runs == null ? List.of() : List.copyOf(runs);
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
