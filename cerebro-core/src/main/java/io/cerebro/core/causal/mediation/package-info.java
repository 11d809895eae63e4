/**
 * Causal mediation analysis (Imai, Keele and Tingley 2010): the average causal mediation effect
 * (ACME), the average direct effect (ADE), the total effect and the proportion mediated, with
 * quasi-Bayesian intervals and the sensitivity analysis for sequential ignorability.
 */
package io.cerebro.core.causal.mediation;
