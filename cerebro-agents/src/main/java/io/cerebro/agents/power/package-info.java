/**
 * Pipelines for power calculations. A power calculation reads no data, so the program a pipeline
 * runs receives its design instead: {@link io.cerebro.agents.power.PowerDesignTable}, a one-row CSV
 * of the spec's parameters, as {@code args[0]}. The validator's second comparison hands it a
 * perturbed design ({@link io.cerebro.agents.power.PowerSyntheticDesign}) and compares it with the
 * engine on the spec that design describes, so a program that hard-codes the first answer fails.
 */
package io.cerebro.agents.power;
