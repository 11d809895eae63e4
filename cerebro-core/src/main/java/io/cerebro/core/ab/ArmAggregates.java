package io.cerebro.core.ab;

import io.cerebro.core.ab.frequentist.RankTests;
import io.cerebro.core.result.AnalysisResult;

import java.util.List;
import java.util.Map;

/**
 * The aggregates the A/B engine computes its tests from: per-arm counts and moments, CUPED
 * moments, per-stratum moments and rank sums. {@link ABTestEngine#run(io.cerebro.core.spec.ABTestSpec,
 * ArmAggregates)} runs every test from an implementation of this, so a source that computes the
 * same aggregates elsewhere (a warehouse, by SQL; see {@code io.cerebro.core.pushdown}) gets the
 * same numbers through the same code as a local file.
 */
public interface ArmAggregates {
    /** @return the profile of every arm (label order, rows without an arm last). */
    List<ArmProfile> profiles();

    /** @return rows in the source (after any filter). */
    long rowCount();

    /** @return per arm, moments of the outcome and the spec's covariate over the usable rows, in label order. */
    List<ArmMoments> cupedMoments();

    /** @return per stratum (sorted), per arm: n, mean and variance of the outcome over usable rows with a stratum. */
    Map<String, Map<String, ArmStats>> strata();

    /** @return rows whose stratum is missing (reported in a warning). */
    long missingStrata();

    /** @return midrank sum of {@code arm} in the pooled {@code arm} + {@code control} sample, with the tie term. */
    RankTests.PairRanks pairRanks(String arm, String control);

    /** @return every arm's midrank sum in the pooled sample of all arms (Kruskal-Wallis). */
    RankSums rankSums();

    /** @return the outcome values of one arm; only called for the exact Mann-Whitney test on small arms. */
    double[] values(String arm);

    /** Records where the data came from on the result. */
    void provenance(AnalysisResult.Builder result);

    /**
     * Midrank sums of every arm in the pooled sample.
     *
     * @param n        rows per arm, label order
     * @param rankSums midrank sum per arm
     * @param tieTerm  sum over tied groups of t^3 - t
     */
    record RankSums(long[] n, double[] rankSums, double tieTerm) {
    }
}
