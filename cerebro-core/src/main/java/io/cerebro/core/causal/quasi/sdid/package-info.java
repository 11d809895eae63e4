/**
 * Synthetic difference-in-differences (Arkhangelsky, Athey, Hirshberg, Imbens and Wager 2021):
 * regularised unit weights, time weights and unit/period intercepts, with the placebo standard
 * error; the synthetic-control and difference-in-differences estimates of the same setup are
 * reported beside it.
 */
package io.cerebro.core.causal.quasi.sdid;
