package io.cerebro.core.result;

import java.util.Map;

/**
 * A design or assumption check: sample ratio mismatch, covariate balance, overlap, pre-trends.
 *
 * @param name    short id, e.g. {@code srm}
 * @param status  {@link Status#PASS}, {@link Status#WARN} or {@link Status#FAIL} (written {@code pass},
 *                {@code warn}, {@code fail}); a failed check is shown prominently
 * @param message one line a user can act on
 * @param values  the numbers behind the verdict
 */
public record Diagnostic(String name, Status status, String message, Map<String, Double> values) {
    /** The verdict of a check. */
    public enum Status {
        /** the check found nothing to worry about */
        PASS,
        /** the reader should look: the assumption may not hold */
        WARN,
        /** the check failed: results should not be trusted as they are (a sample-ratio mismatch) */
        FAIL;

        /** @return the verdict as written in JSON and reports: {@code pass}, {@code warn}, {@code fail}. */
        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Reads {@code pass}, {@code warn} or {@code fail} (any case). */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Status of(String text) {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        }

        /** @return {@link #WARN} when {@code worry} holds, else {@link #PASS}. */
        public static Status warnIf(boolean worry) {
            return worry ? WARN : PASS;
        }
    }

    public Diagnostic {
        // Map.of's order changes from run to run: keep the caller's order only when it has one
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(values instanceof java.util.LinkedHashMap
                || values instanceof java.util.SortedMap ? new java.util.LinkedHashMap<>(values) : new java.util.TreeMap<>(values));
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
