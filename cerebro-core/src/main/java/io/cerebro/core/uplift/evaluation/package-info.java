/**
 * Evaluating effects and targeting scores: AIPW average effects (ATE, ATT), effects by quantile bin
 * of a score, the calibration test of Chernozhukov et al.'s best linear predictor, Qini and uplift
 * curves with their areas, and the value of treating the top k%.
 */
package io.cerebro.core.uplift.evaluation;
