/** Causal inference engines: observational estimators and quasi-experimental designs. */
package io.cerebro.core.causal;
