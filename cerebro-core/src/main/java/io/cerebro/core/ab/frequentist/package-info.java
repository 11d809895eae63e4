/**
 * Frequentist two-sample and omnibus tests for A/B(/n) experiments, computed from sufficient
 * statistics: Welch and Student t, two-proportion z, chi-square, Fisher's exact test, Mann-Whitney U,
 * one-way ANOVA, Kruskal-Wallis, and the p-value adjustments used when several arms face one control.
 */
package io.cerebro.core.ab.frequentist;
