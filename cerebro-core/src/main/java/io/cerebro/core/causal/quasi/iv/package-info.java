/** Instrumental variables: two-stage least squares with first-stage, endogeneity, over-identification and Anderson-Rubin diagnostics. */
package io.cerebro.core.causal.quasi.iv;
