package io.cerebro.core.spec;

/**
 * What a user asks Cerebro to analyse: one record per method family. A switch over this sealed
 * type picks the reference engine and, in the agents module, the agent that writes a pipeline.
 */
public sealed interface AnalysisSpec permits ABTestSpec, CausalSpec {
    /** @return the method family id: {@code ab}, {@code causal}, ... */
    String family();

    /** @return the significance level, in (0, 1). */
    Double alpha();

    /**
     * @return the data columns this spec reads, so a loader can skip the rest; null when that
     * cannot be known before the analysis (e.g. a causal graph whose nodes pick the columns)
     */
    java.util.Set<String> columns();

    /** @return the SQL row filter applied when the data is read, or null. */
    String where();
}
