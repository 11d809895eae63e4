/**
 * Analysis specs: one record per method family, their YAML/JSON form and their validation
 * against a dataset. Compact constructors reject impossible values; {@link
 * io.cerebro.core.spec.SpecValidator} reports every mismatch with the data at once.
 */
package io.cerebro.core.spec;
