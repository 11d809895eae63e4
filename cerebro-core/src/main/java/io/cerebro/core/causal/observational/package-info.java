/** Observational causal estimators: regression adjustment, propensity matching, weighting, AIPW, front-door. */
package io.cerebro.core.causal.observational;
