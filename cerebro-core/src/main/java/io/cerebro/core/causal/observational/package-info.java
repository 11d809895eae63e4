/**
 * Observational causal estimators behind {@code cerebro causal}: regression adjustment (OLS with HC1
 * errors, g-computation for binary outcomes), the logistic propensity model (IRLS), propensity and
 * Mahalanobis matching with Abadie-Imbens or matched-set-clustered errors, inverse probability
 * weighting (Horvitz-Thompson and Hajek) with sandwich errors, doubly robust AIPW with optional
 * cross-fitting, and linear front-door adjustment. {@link io.cerebro.core.causal.observational.ObservationalEngine}
 * runs them with identification, balance, overlap, sensitivity and refutation.
 */
package io.cerebro.core.causal.observational;
