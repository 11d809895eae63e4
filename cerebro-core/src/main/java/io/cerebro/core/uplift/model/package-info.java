/**
 * Base learners of the uplift family: ridge and logistic regression, and histogram gradient-boosted
 * trees, all fitted on feature-major primitive columns ({@code double[feature][row]}) and a row subset,
 * so cross-fitting never copies the data.
 */
package io.cerebro.core.uplift.model;
