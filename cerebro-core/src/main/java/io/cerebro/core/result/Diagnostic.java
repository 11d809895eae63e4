package io.cerebro.core.result;

import java.util.Map;

/**
 * A design or assumption check: sample ratio mismatch, covariate balance, overlap, pre-trends.
 *
 * @param name    short id, e.g. {@code srm}
 * @param status  {@code pass}, {@code warn} or {@code fail}; a failed check is shown prominently
 * @param message one line a user can act on
 * @param values  the numbers behind the verdict
 */
public record Diagnostic(String name, String status, String message, Map<String, Double> values) {
    public Diagnostic {
        // Map.of's order changes from run to run: keep the caller's order only when it has one
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(values instanceof java.util.LinkedHashMap
                || values instanceof java.util.SortedMap ? new java.util.LinkedHashMap<>(values) : new java.util.TreeMap<>(values));
    }

    public boolean failed() {
        return "fail".equals(status);
    }
}
