/**
 * Power and sample size of two-sample comparisons: n per arm, power for a given n, and the minimum
 * detectable effect, for proportions (Cohen's h) and means (t-test, Cohen's d), with unequal
 * allocation and one- or two-sided alternatives. Results match statsmodels' {@code NormalIndPower}
 * and {@code TTestIndPower}.
 */
package io.cerebro.core.power;
