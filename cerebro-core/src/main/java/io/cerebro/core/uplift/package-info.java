/**
 * The uplift family: who gains from a treatment. {@link io.cerebro.core.uplift.UpliftEngine} fits a
 * CATE learner ({@code learner}), or evaluates a score column; the subpackages hold the base
 * learners, the meta-learners, the causal forest and the evaluation.
 */
package io.cerebro.core.uplift;
