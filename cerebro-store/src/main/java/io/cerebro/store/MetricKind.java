package io.cerebro.store;

/**
 * How a metric's events become one number per unit. A binary metric is 1 when any of the unit's
 * events is 1 (did the unit convert); a continuous metric is the sum of the unit's events (its
 * revenue). A unit with no event has 0: it was exposed and did not convert or spend.
 */
public enum MetricKind {
    BINARY, CONTINUOUS;

    /** @return the lower-case name users type and read. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
