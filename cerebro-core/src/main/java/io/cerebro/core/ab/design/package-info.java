/**
 * Design checks and variance reduction for A/B tests: the sample-ratio-mismatch check, CUPED
 * with a pre-period covariate and post-stratification by a categorical column.
 */
package io.cerebro.core.ab.design;
