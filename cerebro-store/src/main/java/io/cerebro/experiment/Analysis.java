package io.cerebro.experiment;

import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.store.Experiment;
import io.cerebro.store.MetricDefinition;
import io.cerebro.store.StoppingDecision;

import java.util.List;

/**
 * One look at an experiment: the A/B engine's result on one metric and the stopping decisions read from it.
 *
 * @param experiment the experiment
 * @param metric     the metric analysed
 * @param spec       the A/B spec the engine ran with
 * @param result     the engine's result
 * @param decisions  one per treatment arm
 * @param overall    the experiment's decision
 */
public record Analysis(Experiment experiment, MetricDefinition metric, ABTestSpec spec, AnalysisResult result,
                       List<StoppingDecision> decisions, String overall) {
}
