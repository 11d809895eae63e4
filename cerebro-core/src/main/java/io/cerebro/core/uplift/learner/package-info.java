/**
 * The CATE meta-learners (S, T, X, R and DR) with K-fold cross-fitting: every nuisance value and
 * every in-sample effect a learner reports comes from models that did not see that row.
 */
package io.cerebro.core.uplift.learner;
