package io.cerebro.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cerebro.core.error.UserInputException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Uplift and heterogeneous treatment effects: who gains from the treatment. With {@code features},
 * a meta-learner (S, T, X, R, DR) or an honest causal forest estimates each row's effect (CATE),
 * with the ATE and ATT (AIPW), effects by CATE decile, a calibration test and feature importance.
 * With {@code score}, an existing score column is evaluated instead: Qini and uplift curves, Qini
 * coefficient, AUUC, uplift by score decile and the value of treating the top k%.
 *
 * <p>The family itself is {@code io.cerebro.core.uplift.UpliftFamily}.
 *
 * @param treatment   binary treatment column (0/1, true/false, or two levels: the sorted-last one is "treated")
 * @param outcome     numeric or 0/1 outcome column
 * @param features    effect-modifier columns (numeric); required unless {@code score} is given
 * @param categorical features read as categories (at most {@link #MAX_LEVELS} levels each); each must be one of {@code features}
 * @param learner     s, t, x, r, dr, causal_forest or auto (default auto)
 * @param base        base learner of the meta-learners and the nuisance models: gbm (default), linear or rf
 * @param propensity  column holding the known probability of treatment (randomised data); default: a cross-fitted model
 * @param folds       cross-fitting folds, default 5
 * @param trees       causal forest trees, default 500 (even: trees come in little bags of two)
 * @param score       evaluate this score column instead of fitting a learner
 * @param bins        quantile bins of the decile tables, default 10
 * @param alpha       1 - interval level, default 0.05
 * @param dropMissing drop rows with missing values instead of refusing them
 * @param where       SQL row filter
 * @param seed        random seed of folds, subsamples and trees, default 42
 */
public record UpliftSpec(
        @JsonPropertyDescription("binary treatment column") String treatment,
        @JsonPropertyDescription("outcome column") String outcome,
        @JsonPropertyDescription("effect-modifier columns") List<String> features,
        @JsonPropertyDescription("features read as categories, at most 50 levels each") List<String> categorical,
        @JsonPropertyDescription("s, t, x, r, dr, causal_forest or auto") Learner learner,
        @JsonPropertyDescription("gbm, linear or rf") Base base,
        @JsonPropertyDescription("known propensity column") String propensity,
        @JsonPropertyDescription("cross-fitting folds, default 5") Integer folds,
        @JsonPropertyDescription("causal forest trees, default 500") Integer trees,
        @JsonPropertyDescription("score column to evaluate") String score,
        @JsonPropertyDescription("quantile bins, default 10") Integer bins,
        @JsonPropertyDescription("1 - interval level, default 0.05") Double alpha,
        @JsonPropertyDescription("drop rows with missing values") Boolean dropMissing,
        @JsonPropertyDescription("SQL row filter") String where,
        @JsonPropertyDescription("random seed, default 42") Long seed) implements AnalysisSpec {

    /** The family id. */
    public static final String FAMILY = "uplift";

    /** The most levels a categorical feature may have: more would make one dummy per few rows. */
    public static final int MAX_LEVELS = 50;

    /** The CATE learner. */
    public enum Learner {
        /** one model of the outcome on features and treatment */
        S,
        /** one outcome model per arm */
        T,
        /** Kuenzel et al.'s X-learner */
        X,
        /** Nie and Wager's R-learner */
        R,
        /** Kennedy's DR-learner */
        DR,
        /** Athey, Tibshirani and Wager's honest causal forest */
        CAUSAL_FOREST,
        /** the learner with the lowest cross-validated R-loss */
        AUTO;

        /** Reads {@code s}, {@code t}, ..., {@code causal_forest} (also {@code cf}, {@code forest}). */
        @JsonCreator
        public static Learner parse(String s) {
            String v = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            return switch (v) {
                case "s" -> S;
                case "t" -> T;
                case "x" -> X;
                case "r" -> R;
                case "dr" -> DR;
                case "causal_forest", "cf", "forest" -> CAUSAL_FOREST;
                case "auto" -> AUTO;
                default -> throw new UserInputException("learner '" + s + "' is not known; use s, t, x, r, dr, causal_forest or auto");
            };
        }

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The base learner of meta-learners and nuisance models. */
    public enum Base {
        /** histogram gradient-boosted trees */
        GBM,
        /** ridge regression, logistic regression for the propensity */
        LINEAR,
        /** random forest (bootstrap, fully grown regression trees, a third of the features per node) */
        RF;

        /** Reads {@code gbm} (also {@code boosting}), {@code linear} (also {@code ridge}) or {@code rf} (also {@code random_forest}). */
        @JsonCreator
        public static Base parse(String s) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "gbm", "boosting" -> GBM;
                case "linear", "ridge" -> LINEAR;
                case "rf", "random_forest", "forest" -> RF;
                default -> throw new UserInputException("base learner '" + s + "' is not known; use gbm, linear or rf");
            };
        }

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public UpliftSpec {
        treatment = required(treatment, "treatment", "the binary treatment column, e.g. --treatment offer");
        outcome = required(outcome, "outcome", "the outcome column, e.g. --outcome spend");
        features = features == null ? List.of() : List.copyOf(features);
        if (score == null && features.isEmpty()) {
            throw new UserInputException("spec field 'features' is empty: name the effect modifiers, e.g. --features age,visits (or evaluate a score with --score COL)");
        }
        Set<String> seen = new LinkedHashSet<>();
        seen.add(treatment);
        if (!seen.add(outcome)) {
            throw new UserInputException("treatment and outcome are the same column '" + outcome + "'; name two columns");
        }
        for (String f : features) {
            if (!seen.add(f)) {
                throw new UserInputException("column '" + f + "' is named twice among treatment, outcome and features; name each once");
            }
        }
        categorical = categorical == null ? List.of() : List.copyOf(categorical);
        Set<String> cats = new LinkedHashSet<>();
        for (String c : categorical) {
            if (!features.contains(c)) {
                throw new UserInputException("categorical column '" + c + "' is not one of the features " + features
                        + "; add it to --features or drop it from --categorical");
            }
            if (!cats.add(c)) {
                throw new UserInputException("categorical column '" + c + "' is named twice; name it once");
            }
        }
        if (propensity != null && (propensity.isBlank() || seen.contains(propensity))) {
            throw new UserInputException("propensity column '" + propensity + "' must be its own column, not the treatment, outcome or a feature");
        }
        learner = learner == null ? Learner.AUTO : learner;
        base = base == null ? Base.GBM : base;
        folds = folds == null ? 5 : folds;
        if (folds < 2 || folds > 20) {
            throw new UserInputException("folds must be between 2 and 20, got " + folds);
        }
        trees = trees == null ? 500 : trees;
        if (trees < 2 || trees > 100_000 || trees % 2 != 0) {
            throw new UserInputException("trees must be an even number between 2 and 100000 (trees come in little bags of two), got " + trees);
        }
        bins = bins == null ? 10 : bins;
        if (bins < 2 || bins > 100) {
            throw new UserInputException("bins must be between 2 and 100, got " + bins);
        }
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

    /** @return whether this spec evaluates a score column rather than fitting a learner. */
    public boolean evaluates() {
        return score != null;
    }

    /** @return a builder for effects of {@code treatment} on {@code outcome}. */
    public static Builder builder(String treatment, String outcome) {
        return new Builder().treatment(treatment).outcome(outcome);
    }

    /** @return a builder holding this spec's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.treatment = treatment; b.outcome = outcome; b.features = features; b.categorical = categorical; b.learner = learner; b.base = base;
        b.propensity = propensity; b.folds = folds; b.trees = trees; b.score = score; b.bins = bins; b.alpha = alpha;
        b.dropMissing = dropMissing; b.where = where; b.seed = seed;
        return b;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public Set<String> columns() {
        Set<String> s = new LinkedHashSet<>();
        s.add(treatment);
        s.add(outcome);
        s.addAll(features);
        if (propensity != null) {
            s.add(propensity);
        }
        if (score != null) {
            s.add(score);
        }
        return s;
    }

    @Override
    public UpliftSpec withWhere(String where) {
        return toBuilder().where(where).build();
    }

    @Override
    public UpliftSpec withSeed(long seed) {
        return toBuilder().seed(seed).build();
    }

    @Override
    public UpliftSpec withDropMissing(boolean dropMissing) {
        return toBuilder().dropMissing(dropMissing).build();
    }

    /** Fluent construction of an {@link UpliftSpec}; unset fields take the record's defaults. */
    public static final class Builder {
        private String treatment;
        private String outcome;
        private List<String> features;
        private List<String> categorical;
        private Learner learner;
        private Base base;
        private String propensity;
        private Integer folds;
        private Integer trees;
        private String score;
        private Integer bins;
        private Double alpha;
        private Boolean dropMissing;
        private String where;
        private Long seed;

        private Builder() {
        }

        public Builder treatment(String v) { this.treatment = v; return this; }
        public Builder outcome(String v) { this.outcome = v; return this; }
        public Builder features(List<String> v) { this.features = v; return this; }
        public Builder categorical(List<String> v) { this.categorical = v; return this; }
        public Builder learner(Learner v) { this.learner = v; return this; }
        public Builder base(Base v) { this.base = v; return this; }
        public Builder propensity(String v) { this.propensity = v; return this; }
        public Builder folds(Integer v) { this.folds = v; return this; }
        public Builder trees(Integer v) { this.trees = v; return this; }
        public Builder score(String v) { this.score = v; return this; }
        public Builder bins(Integer v) { this.bins = v; return this; }
        public Builder alpha(Double v) { this.alpha = v; return this; }
        public Builder dropMissing(Boolean v) { this.dropMissing = v; return this; }
        public Builder where(String v) { this.where = v; return this; }
        public Builder seed(Long v) { this.seed = v; return this; }

        public UpliftSpec build() {
            return new UpliftSpec(treatment, outcome, features, categorical, learner, base, propensity, folds, trees, score, bins, alpha,
                    dropMissing, where, seed);
        }
    }
}
