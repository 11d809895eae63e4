package io.cerebro.core.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.cerebro.core.error.UserInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A marketing mix model: weekly outcome on paid channels (adstocked and saturated, non-negative
 * effects), organic media (transformed the same way, no ROAS), controls, a trend and yearly
 * seasonality; the transform parameters are chosen by a seeded search and intervals come from a
 * moving-block residual bootstrap. With {@code allocate}, the weekly budget is split across the
 * paid channels to maximise the fitted steady-state response.
 *
 * <p>The record lives beside the other specs because {@link AnalysisSpec} is sealed; the family
 * itself is {@code io.cerebro.core.mmm.MmmFamily}.
 *
 * @param date          the week column (dates, one row per week, no gaps or duplicates)
 * @param outcome       the outcome column (revenue, sales)
 * @param channels      paid channel spend columns, at least one
 * @param organic       organic media columns (newsletters, impressions without spend), optional
 * @param controls      control columns (price, promotions, competitor sales); text controls become indicators
 * @param adstock       geometric (default), weibull_cdf (alias weibull) or weibull_pdf
 * @param saturation    hill or logistic (default)
 * @param lMax          geometric adstock lags, default 8
 * @param seasonality   yearly or none (default)
 * @param harmonics     Fourier harmonics of yearly seasonality, default 2
 * @param trend         whether a linear trend is fitted, default false
 * @param holdoutWeeks  final weeks held out for out-of-sample fit, default 10% of the weeks (rounded)
 * @param candidates    hyperparameter candidates searched, default 2000
 * @param bootstrap     bootstrap replicates for intervals (0 for none), default 200
 * @param ridge         ridge penalty on the standardised scale, default 0.001
 * @param allocate      whether to run the budget allocator, default false
 * @param budget        weekly budget to allocate; default the current mean weekly spend
 * @param bounds        per channel, [low, high] multiples of its current mean weekly spend; default [0.5, 2]
 * @param alpha         1 - interval level, default 0.05
 * @param dropMissing   drop rows with missing values instead of refusing them
 * @param where         SQL row filter
 * @param seed          random seed of the search and the bootstrap, default 42
 */
public record MMMSpec(
        @JsonPropertyDescription("week date column") String date,
        @JsonPropertyDescription("outcome column") String outcome,
        @JsonPropertyDescription("paid channel spend columns") List<String> channels,
        @JsonPropertyDescription("organic media columns") List<String> organic,
        @JsonPropertyDescription("control columns") List<String> controls,
        @JsonPropertyDescription("geometric, weibull_cdf or weibull_pdf") Adstock adstock,
        @JsonPropertyDescription("hill or logistic") Saturation saturation,
        @JsonPropertyDescription("geometric adstock lags, default 8") Integer lMax,
        @JsonPropertyDescription("yearly or none") Seasonality seasonality,
        @JsonPropertyDescription("Fourier harmonics, default 2") Integer harmonics,
        @JsonPropertyDescription("fit a linear trend") Boolean trend,
        @JsonPropertyDescription("final weeks held out") Integer holdoutWeeks,
        @JsonPropertyDescription("hyperparameter candidates, default 2000") Integer candidates,
        @JsonPropertyDescription("bootstrap replicates, default 200") Integer bootstrap,
        @JsonPropertyDescription("ridge penalty, default 0.001") Double ridge,
        @JsonPropertyDescription("run the budget allocator") Boolean allocate,
        @JsonPropertyDescription("weekly budget to allocate") Double budget,
        @JsonPropertyDescription("per channel [low, high] multiples of current spend") Map<String, List<Double>> bounds,
        @JsonPropertyDescription("1 - interval level, default 0.05") Double alpha,
        @JsonPropertyDescription("drop rows with missing values") Boolean dropMissing,
        @JsonPropertyDescription("SQL row filter") String where,
        @JsonPropertyDescription("random seed, default 42") Long seed) implements AnalysisSpec {

    /** The family id. */
    public static final String FAMILY = "mmm";
    /** Default bounds of the allocator, as multiples of a channel's current mean weekly spend. */
    public static final double DEFAULT_LOW = 0.5;
    /** Default upper bound multiple. */
    public static final double DEFAULT_HIGH = 2.0;

    /** The carry-over form. */
    public enum Adstock {
        /** PyMC-Marketing's normalised geometric adstock over l_max lags */
        GEOMETRIC,
        /** Robyn's Weibull CDF adstock */
        WEIBULL_CDF,
        /** Robyn's Weibull PDF adstock */
        WEIBULL_PDF;

        /** Reads {@code weibull} as {@code weibull_cdf} (Robyn's default Weibull form). */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Adstock parse(String s) {
            String v = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            return switch (v) {
                case "geometric" -> GEOMETRIC;
                case "weibull", "weibull_cdf" -> WEIBULL_CDF;
                case "weibull_pdf" -> WEIBULL_PDF;
                default -> throw new UserInputException("adstock '" + s + "' is not known; use geometric, weibull (the CDF form) or weibull_pdf");
            };
        }

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The diminishing-returns curve. */
    public enum Saturation {
        /** Robyn's Hill curve */
        HILL,
        /** PyMC-Marketing's logistic curve */
        LOGISTIC;

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Seasonality terms. */
    public enum Seasonality {
        /** none */
        NONE,
        /** yearly Fourier terms */
        YEARLY;

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MMMSpec {
        date = required(date, "date", "the week column, e.g. --date week");
        outcome = required(outcome, "outcome", "the outcome column, e.g. --outcome revenue");
        if (channels == null || channels.isEmpty()) {
            throw new UserInputException("spec field 'channels' is empty: name the paid channels' spend columns, e.g. --channels tv,search");
        }
        channels = List.copyOf(channels);
        organic = organic == null ? List.of() : List.copyOf(organic);
        controls = controls == null ? List.of() : List.copyOf(controls);
        Set<String> seen = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        all.add(date);
        all.add(outcome);
        all.addAll(channels);
        all.addAll(organic);
        all.addAll(controls);
        for (String c : all) {
            if (!seen.add(c)) {
                throw new UserInputException("column '" + c + "' is named twice among date, outcome, channels, organic and controls; name each once");
            }
        }
        adstock = adstock == null ? Adstock.GEOMETRIC : adstock;
        saturation = saturation == null ? Saturation.LOGISTIC : saturation;
        lMax = lMax == null ? 8 : lMax;
        if (lMax < 1 || lMax > 104) {
            throw new UserInputException("l_max (geometric adstock lags) must be between 1 and 104 weeks, got " + lMax);
        }
        seasonality = seasonality == null ? Seasonality.NONE : seasonality;
        harmonics = harmonics == null ? 2 : harmonics;
        if (harmonics < 1 || harmonics > 10) {
            throw new UserInputException("harmonics must be between 1 and 10, got " + harmonics);
        }
        trend = trend != null && trend;
        if (holdoutWeeks != null && holdoutWeeks < 0) {
            throw new UserInputException("holdout_weeks must be 0 or more, got " + holdoutWeeks);
        }
        candidates = candidates == null ? 2000 : candidates;
        if (candidates < 1 || candidates > 1_000_000) {
            throw new UserInputException("candidates must be between 1 and 1000000, got " + candidates);
        }
        bootstrap = bootstrap == null ? 200 : bootstrap;
        if (bootstrap != 0 && (bootstrap < 20 || bootstrap > 100_000)) {
            throw new UserInputException("bootstrap must be 0 (no intervals) or between 20 and 100000 replicates, got " + bootstrap);
        }
        ridge = ridge == null ? 1e-3 : ridge;
        if (!(ridge > 0) || ridge.isInfinite()) {
            throw new UserInputException("ridge must be a positive number, got " + ridge + "; the default is 0.001");
        }
        allocate = (allocate != null && allocate) || budget != null || (bounds != null && !bounds.isEmpty());
        if (budget != null && (!(budget > 0) || budget.isInfinite())) {
            throw new UserInputException("budget must be a positive weekly amount, got " + budget);
        }
        Map<String, List<Double>> b = new LinkedHashMap<>();
        if (bounds != null) {
            for (Map.Entry<String, List<Double>> e : bounds.entrySet()) {
                if (!channels.contains(e.getKey())) {
                    throw new UserInputException("bounds name '" + e.getKey() + "', which is not a paid channel; use one of " + channels);
                }
                List<Double> v = e.getValue();
                if (v == null || v.size() != 2 || v.get(0) == null || v.get(1) == null || !(v.get(0) >= 0) || !(v.get(1) >= v.get(0))
                        || v.get(1).isInfinite()) {
                    throw new UserInputException("bounds of '" + e.getKey() + "' must be low:high multiples of its current spend with 0 <= low <= high, got " + v);
                }
                b.put(e.getKey(), List.copyOf(v));
            }
        }
        bounds = java.util.Collections.unmodifiableMap(b);
        alpha = SpecChecks.alpha(alpha);
        dropMissing = dropMissing != null && dropMissing;
        seed = seed == null ? 42L : seed;
    }

    private static String required(String v, String field, String example) {
        if (v == null || v.isBlank()) {
            throw new UserInputException("spec field '" + field + "' is empty: name " + example);
        }
        return v;
    }

    /** @return the allocator's [low, high] multiple for a channel (its own bounds or the default 0.5:2). */
    public double[] boundsOf(String channel) {
        List<Double> v = bounds.get(channel);
        return v == null ? new double[] {DEFAULT_LOW, DEFAULT_HIGH} : new double[] {v.get(0), v.get(1)};
    }

    /** @return the holdout weeks for a series of {@code weeks} weeks. */
    public int holdoutFor(int weeks) {
        return holdoutWeeks != null ? holdoutWeeks : (int) Math.round(0.1 * weeks);
    }

    /** @return a builder for a model of {@code outcome} on {@code channels} by week {@code date}. */
    public static Builder builder(String date, String outcome, List<String> channels) {
        return new Builder().date(date).outcome(outcome).channels(channels);
    }

    /** @return a builder holding this spec's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.date = date; b.outcome = outcome; b.channels = channels; b.organic = organic; b.controls = controls;
        b.adstock = adstock; b.saturation = saturation; b.lMax = lMax; b.seasonality = seasonality; b.harmonics = harmonics;
        b.trend = trend; b.holdoutWeeks = holdoutWeeks; b.candidates = candidates; b.bootstrap = bootstrap; b.ridge = ridge;
        b.allocate = allocate; b.budget = budget; b.bounds = bounds; b.alpha = alpha; b.dropMissing = dropMissing;
        b.where = where; b.seed = seed;
        return b;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public Set<String> columns() {
        Set<String> s = new LinkedHashSet<>();
        s.add(date);
        s.add(outcome);
        s.addAll(channels);
        s.addAll(organic);
        s.addAll(controls);
        return s;
    }

    @Override
    public MMMSpec withWhere(String where) {
        return toBuilder().where(where).build();
    }

    @Override
    public MMMSpec withSeed(long seed) {
        return toBuilder().seed(seed).build();
    }

    @Override
    public MMMSpec withDropMissing(boolean dropMissing) {
        return toBuilder().dropMissing(dropMissing).build();
    }

    /** Fluent construction of an {@link MMMSpec}; unset fields take the record's defaults. */
    public static final class Builder {
        private String date;
        private String outcome;
        private List<String> channels;
        private List<String> organic;
        private List<String> controls;
        private Adstock adstock;
        private Saturation saturation;
        private Integer lMax;
        private Seasonality seasonality;
        private Integer harmonics;
        private Boolean trend;
        private Integer holdoutWeeks;
        private Integer candidates;
        private Integer bootstrap;
        private Double ridge;
        private Boolean allocate;
        private Double budget;
        private Map<String, List<Double>> bounds;
        private Double alpha;
        private Boolean dropMissing;
        private String where;
        private Long seed;

        private Builder() {
        }

        public Builder date(String v) { this.date = v; return this; }
        public Builder outcome(String v) { this.outcome = v; return this; }
        public Builder channels(List<String> v) { this.channels = v; return this; }
        public Builder organic(List<String> v) { this.organic = v; return this; }
        public Builder controls(List<String> v) { this.controls = v; return this; }
        public Builder adstock(Adstock v) { this.adstock = v; return this; }
        public Builder saturation(Saturation v) { this.saturation = v; return this; }
        public Builder lMax(Integer v) { this.lMax = v; return this; }
        public Builder seasonality(Seasonality v) { this.seasonality = v; return this; }
        public Builder harmonics(Integer v) { this.harmonics = v; return this; }
        public Builder trend(Boolean v) { this.trend = v; return this; }
        public Builder holdoutWeeks(Integer v) { this.holdoutWeeks = v; return this; }
        public Builder candidates(Integer v) { this.candidates = v; return this; }
        public Builder bootstrap(Integer v) { this.bootstrap = v; return this; }
        public Builder ridge(Double v) { this.ridge = v; return this; }
        public Builder allocate(Boolean v) { this.allocate = v; return this; }
        public Builder budget(Double v) { this.budget = v; return this; }
        public Builder bounds(Map<String, List<Double>> v) { this.bounds = v; return this; }
        public Builder alpha(Double v) { this.alpha = v; return this; }
        public Builder dropMissing(Boolean v) { this.dropMissing = v; return this; }
        public Builder where(String v) { this.where = v; return this; }
        public Builder seed(Long v) { this.seed = v; return this; }

        public MMMSpec build() {
            return new MMMSpec(date, outcome, channels, organic, controls, adstock, saturation, lMax, seasonality, harmonics, trend,
                    holdoutWeeks, candidates, bootstrap, ridge, allocate, budget, bounds, alpha, dropMissing, where, seed);
        }
    }
}
