/** Difference-in-differences: 2x2, two-way fixed effects, event studies and Callaway-Sant'Anna staggered adoption. */
package io.cerebro.core.causal.quasi.did;
