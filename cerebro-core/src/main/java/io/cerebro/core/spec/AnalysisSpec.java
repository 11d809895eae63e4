package io.cerebro.core.spec;

/**
 * What a user asks Cerebro to analyse: one record per method family. The type is sealed so that
 * {@link io.cerebro.core.family.Families} can switch over it exhaustively: a built-in family that
 * is added here without a descriptor does not compile. Families registered at run time (tests,
 * plugins) implement {@link ExtensionSpec}.
 *
 * <p>Everything callers used to ask per family (the row filter, the seed, dropping missing rows)
 * is part of this contract, so no caller needs to know which record it holds.
 */
public sealed interface AnalysisSpec permits ABTestSpec, CausalSpec, PowerSpec, MMMSpec, BanditSpec, GeoTestSpec, UpliftSpec, ExtensionSpec {
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

    /** @return the random seed of anything simulated or resampled (never null once built). */
    Long seed();

    /** @return whether rows with a missing value in a used column are dropped instead of refused. */
    Boolean dropMissing();

    /** @return a copy with another row filter (null: none). */
    AnalysisSpec withWhere(String where);

    /** @return a copy with another random seed. */
    AnalysisSpec withSeed(long seed);

    /** @return a copy that drops (or refuses) rows with missing values. */
    AnalysisSpec withDropMissing(boolean dropMissing);
}
