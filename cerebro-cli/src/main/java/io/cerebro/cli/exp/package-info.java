/**
 * {@code cerebro exp}: the experiment lifecycle on a store. The commands only map flags onto
 * {@link io.cerebro.experiment.Lifecycle} and print what it returns.
 */
package io.cerebro.cli.exp;
