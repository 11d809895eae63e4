package io.cerebro.core.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.cerebro.core.error.UserInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A geo experiment: some locations (markets, DMAs, cities) were treated from {@code start} to
 * {@code end}, the others serve as donors of a synthetic control. Give {@code treated} for one test
 * cell or {@code cells} for several (each cell's donors exclude every other cell's locations).
 *
 * <p>The record lives beside the other specs because {@link AnalysisSpec} is sealed; the family is
 * {@code io.cerebro.core.geo.GeoFamily}.
 *
 * @param location        the location column (text)
 * @param time            the period column: dates (ISO, yyyy-mm-dd) or integer periods
 * @param outcome         the outcome column (numeric, e.g. sales)
 * @param treated         the treated locations of a single-cell test
 * @param cells           the treated locations of each cell of a multi-cell test (instead of treated)
 * @param start           the first test period, as written in the time column
 * @param end             the last test period (default: the last period of the data)
 * @param model           scm (fixed-effect synthetic control, default), augsynth (ridge-augmented), gsyn (interactive fixed effects) or best
 * @param alternative     two_sided (default), greater or less, for the conformal p-value and interval
 * @param alpha           significance level, default 0.05 (intervals at 1 - alpha)
 * @param permutations    conformal permutations of the residuals, default 1000 (at least 19)
 * @param conformal       iid (default, as GeoLift) or moving_block permutations
 * @param fill            how to treat locations missing periods: zero (fill with 0) or drop (drop the location); default refuse
 * @param minPrePeriods   the fewest pre-periods accepted, default 10
 * @param spend           total spend on the test (all treated locations), for cost per incremental unit and ROAS
 * @param where           SQL row filter applied when the data is read
 * @param seed            random seed of the permutations, default 42
 * @param dropMissing     drop rows with a missing value in a used column instead of refusing them
 * @param covariates      numeric columns the outcome is residualised on before the synthetic control (augsynth's residualize)
 */
public record GeoTestSpec(
        @JsonPropertyDescription("location column") String location,
        @JsonPropertyDescription("period column (dates or integers)") String time,
        @JsonPropertyDescription("outcome column") String outcome,
        @JsonPropertyDescription("treated locations (one cell)") List<String> treated,
        @JsonPropertyDescription("treated locations per cell (multi-cell)") List<List<String>> cells,
        @JsonPropertyDescription("first test period") String start,
        @JsonPropertyDescription("last test period, default the last in the data") String end,
        @JsonPropertyDescription("scm, augsynth, gsyn or best") Model model,
        @JsonPropertyDescription("two_sided, greater or less") Alternative alternative,
        @JsonPropertyDescription("significance level, default 0.05") Double alpha,
        @JsonPropertyDescription("conformal permutations, default 1000") Integer permutations,
        @JsonPropertyDescription("iid or moving_block") Conformal conformal,
        @JsonPropertyDescription("zero or drop for locations missing periods") Fill fill,
        @JsonPropertyDescription("minimum number of pre-periods, default 10") Integer minPrePeriods,
        @JsonPropertyDescription("total spend on the test") Double spend,
        @JsonPropertyDescription("SQL row filter") String where,
        @JsonPropertyDescription("random seed, default 42") Long seed,
        @JsonPropertyDescription("drop rows with missing values") Boolean dropMissing,
        @JsonPropertyDescription("covariate columns the outcome is residualised on") List<String> covariates) implements AnalysisSpec {

    /** The family id. */
    public static final String FAMILY = "geo";

    /** The estimator of the counterfactual. */
    public enum Model {
        /** synthetic control on the treated mean with location fixed effects (GeoLift's default) */
        SCM,
        /** ridge-augmented synthetic control (Ben-Michael, Feller and Rothstein 2021; GeoLift's Ridge) */
        AUGSYNTH,
        /** generalised synthetic control, interactive fixed effects (Xu 2017; GeoLift's GSYN) */
        GSYN,
        /** whichever of the three fits the pre-period better */
        BEST;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the conformal test permutes residuals over time. */
    public enum Conformal {
        /** random permutations of all periods (exchangeable residuals) */
        IID,
        /** the cyclic shifts of the periods (serially dependent residuals) */
        MOVING_BLOCK;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What to do with a location that lacks some periods. */
    public enum Fill {
        /** a missing period counts as an outcome of zero */
        ZERO,
        /** the location is left out */
        DROP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GeoTestSpec {
        location = required(location, "location", "the column naming each market, e.g. location");
        time = required(time, "time", "the period column, e.g. date");
        outcome = required(outcome, "outcome", "the numeric outcome column, e.g. Y");
        start = required(start, "start", "the first test period as written in the time column, e.g. 2021-04-01");
        if (end != null && end.isBlank()) {
            end = null;
        }
        boolean hasTreated = treated != null && !treated.isEmpty();
        boolean hasCells = cells != null && !cells.isEmpty();
        if (hasTreated == hasCells) {
            throw new UserInputException(hasTreated ? "give either 'treated' (one cell) or 'cells' (several), not both"
                    : "spec field 'treated' is empty: name the treated locations, e.g. treated: [chicago, portland]");
        }
        if (hasTreated) {
            treated = cleanCell(treated, "treated");
            cells = null;
        } else {
            List<List<String>> cs = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (List<String> c : cells) {
                List<String> clean = cleanCell(c, "cells");
                for (String l : clean) {
                    if (!seen.add(l)) {
                        throw new UserInputException("location '" + l + "' is in more than one cell; each location belongs to one cell");
                    }
                }
                cs.add(clean);
            }
            cells = List.copyOf(cs);
            treated = null;
        }
        model = model == null ? Model.SCM : model;
        alternative = alternative == null ? Alternative.TWO_SIDED : alternative;
        alpha = SpecChecks.alpha(alpha);
        permutations = permutations == null ? 1000 : permutations;
        if (permutations < 19 || permutations > 1_000_000) {
            throw new UserInputException("permutations must be between 19 and 1000000, got " + permutations + "; 1000 is usual");
        }
        conformal = conformal == null ? Conformal.IID : conformal;
        minPrePeriods = minPrePeriods == null ? 10 : minPrePeriods;
        if (minPrePeriods < 2) {
            throw new UserInputException("min_pre_periods must be at least 2, got " + minPrePeriods);
        }
        if (spend != null && (!(spend > 0) || spend.isInfinite())) {
            throw new UserInputException("spend must be a positive amount (the total spent on the test), got " + spend);
        }
        seed = seed == null ? 42L : seed;
        dropMissing = dropMissing != null && dropMissing;
        // null when none, so specs without covariates read and print as before
        covariates = covariates == null ? null : covariates.stream().map(String::strip).filter(c -> !c.isEmpty()).distinct().toList();
        covariates = covariates == null || covariates.isEmpty() ? null : covariates;
    }

    private static String required(String v, String field, String what) {
        if (v == null || v.isBlank()) {
            throw new UserInputException("spec field '" + field + "' is empty: give " + what);
        }
        return v.strip();
    }

    private static List<String> cleanCell(List<String> cell, String field) {
        if (cell == null || cell.isEmpty()) {
            throw new UserInputException("a cell in '" + field + "' is empty: list its treated locations, e.g. chicago,portland");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String l : cell) {
            if (l == null || l.isBlank()) {
                throw new UserInputException("'" + field + "' holds an empty location name; list names separated by commas");
            }
            if (!out.add(l.strip())) {
                throw new UserInputException("location '" + l.strip() + "' is listed twice in '" + field + "'");
            }
        }
        return List.copyOf(out);
    }

    /** @return the cells of the test: one cell holding {@code treated}, or {@code cells}. */
    public List<List<String>> testCells() {
        return treated != null ? List.of(treated) : cells;
    }

    /** @return a builder for a panel's columns and a test start. */
    public static Builder builder(String location, String time, String outcome) {
        return new Builder(location, time, outcome);
    }

    /** @return a builder holding this spec's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(location, time, outcome);
        b.treated = treated; b.cells = cells; b.start = start; b.end = end; b.model = model; b.alternative = alternative;
        b.alpha = alpha; b.permutations = permutations; b.conformal = conformal; b.fill = fill; b.minPrePeriods = minPrePeriods;
        b.spend = spend; b.where = where; b.seed = seed; b.dropMissing = dropMissing; b.covariates = covariates;
        return b;
    }

    /** @return the covariate columns, empty when none. */
    public List<String> covariateColumns() {
        return covariates == null ? List.of() : covariates;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public Set<String> columns() {
        Set<String> cols = new LinkedHashSet<>(List.of(location, time, outcome));
        cols.addAll(covariateColumns());
        return cols;
    }

    @Override
    public GeoTestSpec withWhere(String where) {
        return toBuilder().where(where).build();
    }

    @Override
    public GeoTestSpec withSeed(long seed) {
        return toBuilder().seed(seed).build();
    }

    @Override
    public GeoTestSpec withDropMissing(boolean dropMissing) {
        return toBuilder().dropMissing(dropMissing).build();
    }

    /** Fluent construction of a {@link GeoTestSpec}; unset fields take the record's defaults. */
    public static final class Builder {
        private final String location;
        private final String time;
        private final String outcome;
        private List<String> treated;
        private List<List<String>> cells;
        private String start;
        private String end;
        private Model model;
        private Alternative alternative;
        private Double alpha;
        private Integer permutations;
        private Conformal conformal;
        private Fill fill;
        private Integer minPrePeriods;
        private Double spend;
        private String where;
        private Long seed;
        private Boolean dropMissing;
        private List<String> covariates;

        private Builder(String location, String time, String outcome) {
            this.location = location;
            this.time = time;
            this.outcome = outcome;
        }

        public Builder treated(List<String> v) { this.treated = v; return this; }
        public Builder cells(List<List<String>> v) { this.cells = v; return this; }
        public Builder start(String v) { this.start = v; return this; }
        public Builder end(String v) { this.end = v; return this; }
        public Builder model(Model v) { this.model = v; return this; }
        public Builder alternative(Alternative v) { this.alternative = v; return this; }
        public Builder alpha(Double v) { this.alpha = v; return this; }
        public Builder permutations(Integer v) { this.permutations = v; return this; }
        public Builder conformal(Conformal v) { this.conformal = v; return this; }
        public Builder fill(Fill v) { this.fill = v; return this; }
        public Builder minPrePeriods(Integer v) { this.minPrePeriods = v; return this; }
        public Builder spend(Double v) { this.spend = v; return this; }
        public Builder where(String v) { this.where = v; return this; }
        public Builder seed(Long v) { this.seed = v; return this; }
        public Builder dropMissing(Boolean v) { this.dropMissing = v; return this; }
        public Builder covariates(List<String> v) { this.covariates = v; return this; }

        public GeoTestSpec build() {
            return new GeoTestSpec(location, time, outcome, treated, cells, start, end, model, alternative, alpha, permutations,
                    conformal, fill, minPrePeriods, spend, where, seed, dropMissing, covariates);
        }
    }
}
