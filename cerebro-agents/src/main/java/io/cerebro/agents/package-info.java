/**
 * Cerebro's agents: the {@link io.cerebro.agents.Cerebro} facade, the {@link io.cerebro.agents.SpecRouter}
 * that picks the family's {@link io.cerebro.agents.AnalysisAgent}, and the
 * {@link io.cerebro.agents.GeneratedPipeline} they return — a program that is handed over only after it
 * reproduced the reference engine.
 */
package io.cerebro.agents;
