/** Quasi-experimental designs: difference-in-differences, event studies, staggered adoption, regression discontinuity, instrumental variables, synthetic control. */
package io.cerebro.core.causal.quasi;
