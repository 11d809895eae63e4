/**
 * Pipelines for marketing mix models: {@link MmmAgent} with its offline template (geometric
 * adstock, logistic saturation, trend, yearly seasonality and numeric controls, its own
 * deterministic coordinate grid search and its own sign-constrained ridge solver) and the
 * synthetic data with planted adstock, saturation and contributions ({@link MmmSyntheticData}).
 */
package io.cerebro.agents.mmm;
