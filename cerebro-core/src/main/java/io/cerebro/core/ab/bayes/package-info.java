/**
 * Bayesian comparisons of arms: the Beta-Binomial model for conversion rates (exact P(B &gt; A),
 * expected loss, credible intervals) and a Normal model for continuous outcomes (Student-t posteriors of
 * the arm means under the Jeffreys prior), with the
 * probability that each arm is best computed by numerical integration.
 */
package io.cerebro.core.ab.bayes;
