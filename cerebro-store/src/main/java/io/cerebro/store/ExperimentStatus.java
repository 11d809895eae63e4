package io.cerebro.store;

/** Where an experiment is in its life: only a running experiment assigns units to treatments. */
public enum ExperimentStatus {
    /** Created, not started: units get the control. */
    DRAFT,
    /** Assigning units and recording events. */
    RUNNING,
    /** Temporarily halted: new units get the control; events of units already in it are still recorded. */
    PAUSED,
    /** Finished: units get the control and no further events are recorded. */
    STOPPED;

    /** @return the lower-case name users type and read. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
