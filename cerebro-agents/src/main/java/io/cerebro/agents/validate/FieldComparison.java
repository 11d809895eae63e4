package io.cerebro.agents.validate;

/**
 * One compared value of a validation, as a reviewer checks it: which dataset, which field, both
 * sides, the tolerance applied and whether it held.
 *
 * @param dataset   {@code data} (the user's rows after the filter) or {@code synthetic} (the planted-effect dataset)
 * @param field     the field, e.g. {@code estimates[B vs A / ab.welch].pValue} or {@code arms[B].mean}
 * @param engine    the reference engine's value
 * @param pipeline  the program's value (null when it did not print it)
 * @param tolerance the tolerance in words, e.g. {@code p-value: rel 1.0E-6, abs 1.0E-10}
 * @param passed    whether the values agree within the tolerance
 */
public record FieldComparison(String dataset, String field, Double engine, Double pipeline, String tolerance, boolean passed) {
}
