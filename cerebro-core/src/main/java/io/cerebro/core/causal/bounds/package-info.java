/**
 * Partial identification of an average treatment effect: what the data say about the effect of a
 * 0/1 treatment on a bounded outcome without the no-confounding assumption, under none (Manski
 * 1990) or the monotone treatment response and selection assumptions (Manski 1997; Manski and
 * Pepper 2000), with Imbens-Manski (2004) confidence intervals.
 */
package io.cerebro.core.causal.bounds;
