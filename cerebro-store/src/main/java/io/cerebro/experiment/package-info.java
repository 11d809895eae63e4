/**
 * The experiment lifecycle on a store: design ({@link io.cerebro.experiment.ExperimentDesigns}),
 * deterministic and sticky assignment ({@link io.cerebro.experiment.UnitHash},
 * {@link io.cerebro.experiment.Assigner}), recording, analysis through the A/B engine
 * ({@link io.cerebro.experiment.ExperimentAnalysis}), early stopping
 * ({@link io.cerebro.experiment.StoppingRule}) and the recommendation
 * ({@link io.cerebro.experiment.Recommendation}). {@link io.cerebro.experiment.Lifecycle} is the
 * entry point the command line (and programs) use. No statistics are computed here that the A/B
 * and power engines already compute.
 */
package io.cerebro.experiment;
