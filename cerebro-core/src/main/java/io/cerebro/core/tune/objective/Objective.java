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
}
