/**
 * Pruners: stop a trial whose intermediate values say it will not be among the best, as Optuna's
 * {@code MedianPruner}, {@code SuccessiveHalvingPruner} and {@code HyperbandPruner} decide it, and the
 * budgets a multi-fidelity study runs a configuration at.
 */
package io.cerebro.core.tune.prune;
