package io.cerebro.core.spec;

/**
 * One way a spec does not fit its dataset.
 *
 * @param field   the spec field at fault, e.g. {@code outcome}
 * @param value   the value given
 * @param problem what is wrong
 * @param fix     what to do about it
 */
public record SpecViolation(String field, String value, String problem, String fix) {
    @Override
    public String toString() {
        return field + "=" + value + ": " + problem + (fix == null || fix.isBlank() ? "" : " (" + fix + ")");
    }
}
