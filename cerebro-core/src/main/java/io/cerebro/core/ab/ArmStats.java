package io.cerebro.core.ab;

/**
 * Sufficient statistics of one arm's outcome, aggregated inside DuckDB.
 *
 * @param arm      arm label
 * @param n        rows with an outcome
 * @param mean     mean outcome
 * @param variance sample variance (ddof 1)
 * @param sum      sum of the outcome (successes for a binary outcome)
 */
public record ArmStats(String arm, long n, double mean, double variance, double sum) {
    /** @return the standard deviation (ddof 1). */
    public double sd() {
        return Math.sqrt(variance);
    }
}
