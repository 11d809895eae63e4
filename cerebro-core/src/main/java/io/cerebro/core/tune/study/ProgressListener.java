package io.cerebro.core.tune.study;

import io.cerebro.core.tune.journal.Trial;

/** Told after every finished trial (from the worker that ran it). */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param finished trials finished so far in the study
     * @param budget   the trial budget
     * @param last     the trial that just finished
     * @param best     the best complete trial so far, or null
     */
    void trialFinished(int finished, int budget, Trial last, Trial best);

    /** Listens to nothing. */
    ProgressListener NONE = (f, b, l, best) -> {
    };
}
