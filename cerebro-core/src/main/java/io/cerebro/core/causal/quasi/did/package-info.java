/**
 * Difference-in-differences: 2x2, two-way fixed effects, event studies and Callaway-Sant'Anna staggered adoption.
 *
 * <p>Missing values in a used column end the run unless {@code drop_missing} is set; then the panel
 * designs drop every unit with a missing value (they need a balanced panel) and the 2x2 design drops
 * the incomplete rows, each with a warning. Units first treated after the panel's last period are
 * not treated within it and serve as controls (with a warning), as in R's did package.
 */
package io.cerebro.core.causal.quasi.did;
