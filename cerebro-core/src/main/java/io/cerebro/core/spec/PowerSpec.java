package io.cerebro.core.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.cerebro.core.error.UserInputException;

import java.util.Locale;
import java.util.Set;

/**
 * A power calculation for a two-arm test: give {@code mde} to solve for the sample size, {@code mde}
 * and {@code n} to solve for the power, or {@code n} alone to solve for the minimum detectable effect.
 * It reads no data, so it has no row filter and no missing rows: {@link #where()} is always null and
 * {@link #withWhere} refuses a filter.
 *
 * <p>The record lives beside the other specs because {@link AnalysisSpec} is sealed and, outside a
 * named module, a sealed type's records must share its package; the family itself is
 * {@code io.cerebro.core.power.PowerFamily}.
 *
 * @param outcome     proportions (conversion rates, Cohen's h) or means (t-test, Cohen's d)
 * @param baseline    control conversion rate in (0, 1); proportions only
 * @param sd          outcome standard deviation, positive; means only
 * @param mde         minimum detectable effect, an absolute difference (treatment minus control), non-zero
 * @param n           control-arm sample size, at least 2
 * @param alpha       significance level in (0, 1), default 0.05
 * @param power       target power in (0, 1), default 0.8 (used when solving for n or the MDE)
 * @param ratio       n_treatment / n_control, positive, default 1
 * @param alternative two_sided (default), greater or less
 * @param looks       equally spaced looks of a group-sequential plan (1 to 50); the maximum sample size is inflated for it
 * @param spending    alpha spending of the group-sequential plan: obrien_fleming (default with looks) or pocock
 * @param seed        random seed (only the synthetic design of pipeline validation uses it), default 42
 */
public record PowerSpec(
        @JsonPropertyDescription("proportions or means") Outcome outcome,
        @JsonPropertyDescription("control conversion rate (proportions)") Double baseline,
        @JsonPropertyDescription("outcome standard deviation (means)") Double sd,
        @JsonPropertyDescription("minimum detectable effect, absolute difference") Double mde,
        @JsonPropertyDescription("control-arm sample size") Double n,
        @JsonPropertyDescription("significance level, default 0.05") Double alpha,
        @JsonPropertyDescription("target power, default 0.8") Double power,
        @JsonPropertyDescription("n_treatment / n_control, default 1") Double ratio,
        @JsonPropertyDescription("two_sided, greater or less") Alternative alternative,
        @JsonPropertyDescription("looks of a group-sequential plan") Integer looks,
        @JsonPropertyDescription("obrien_fleming or pocock, with looks") SpendingFunction spending,
        @JsonPropertyDescription("random seed, default 42") Long seed) implements AnalysisSpec {

    /** The family id. */
    public static final String FAMILY = "power";

    /** What the two arms compare. */
    public enum Outcome {
        /** two conversion rates */
        PROPORTIONS,
        /** two means */
        MEANS;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which quantity the calculation solves for, from which of {@code n} and {@code mde} are given. */
    public enum Solve {
        /** the control-arm sample size (mde given) */
        N,
        /** the power (mde and n given) */
        POWER,
        /** the minimum detectable effect (n given) */
        MDE
    }

    public PowerSpec {
        if (outcome == null) {
            throw new UserInputException("spec field 'outcome' is empty: say proportions (conversion rates) or means");
        }
        if (outcome == Outcome.PROPORTIONS) {
            if (baseline == null) {
                throw new UserInputException("a power calculation for proportions needs 'baseline', the control conversion rate, e.g. 0.1");
            }
            if (!(baseline > 0 && baseline < 1)) {
                throw new UserInputException("baseline conversion rate must be between 0 and 1 (exclusive), got " + baseline
                        + "; e.g. 0.1 for 10%");
            }
            if (sd != null) {
                throw new UserInputException("'sd' is for means; drop it or use outcome: means");
            }
        } else {
            if (sd == null) {
                throw new UserInputException("a power calculation for means needs 'sd', the outcome's standard deviation");
            }
            if (!(sd > 0) || sd.isInfinite()) {
                throw new UserInputException("outcome standard deviation must be a positive number, got " + sd);
            }
            if (baseline != null) {
                throw new UserInputException("'baseline' is for proportions; drop it or use outcome: proportions");
            }
        }
        if (mde == null && n == null) {
            throw new UserInputException("give mde to solve for the sample size, n to solve for the MDE, or both to solve for power");
        }
        if (mde != null && (!(mde != 0) || mde.isInfinite())) {
            throw new UserInputException("the minimum detectable effect must be a non-zero difference, got " + mde);
        }
        if (n != null && (!(n >= 2) || n.isInfinite())) {
            throw new UserInputException("the control-arm sample size n must be at least 2, got " + n);
        }
        alpha = SpecChecks.alpha(alpha);
        power = power == null ? 0.8 : power;
        if (!(power > 0 && power < 1)) {
            throw new UserInputException("power must be between 0 and 1 (exclusive), got " + power + "; the usual value is 0.8");
        }
        ratio = ratio == null ? 1.0 : ratio;
        if (!(ratio > 0) || ratio.isInfinite()) {
            throw new UserInputException("allocation ratio (n_treatment / n_control) must be a positive number, got " + ratio);
        }
        alternative = alternative == null ? Alternative.TWO_SIDED : alternative;
        if (looks != null) {
            if (looks < 1 || looks > 50) {
                throw new UserInputException("looks must be between 1 and 50, got " + looks);
            }
            if (n != null) {
                throw new UserInputException("looks plans a group-sequential sample size; use it with mde and without n");
            }
            spending = spending == null ? SpendingFunction.OBRIEN_FLEMING : spending;
        } else if (spending != null) {
            throw new UserInputException("spending applies to a group-sequential plan; give looks as well, or drop spending");
        }
        seed = seed == null ? 42L : seed;
    }

    /** @return a builder for an outcome kind. */
    public static Builder builder(Outcome outcome) {
        return new Builder(outcome);
    }

    /** @return a builder holding this spec's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(outcome);
        b.baseline = baseline; b.sd = sd; b.mde = mde; b.n = n; b.alpha = alpha; b.power = power; b.ratio = ratio;
        b.alternative = alternative; b.looks = looks; b.spending = spending; b.seed = seed;
        return b;
    }

    /** @return the quantity this spec solves for. */
    public Solve solve() {
        return n == null ? Solve.N : mde == null ? Solve.MDE : Solve.POWER;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /** @return no columns: a power calculation reads no data. */
    @Override
    public Set<String> columns() {
        return Set.of();
    }

    /** @return null: a power calculation reads no data, so there is nothing to filter. */
    @Override
    public String where() {
        return null;
    }

    /** @return false: there are no rows, so none are dropped. */
    @Override
    public Boolean dropMissing() {
        return false;
    }

    /**
     * @return this spec when {@code where} is null
     * @throws UserInputException for any filter: there are no rows to filter
     */
    @Override
    public PowerSpec withWhere(String where) {
        if (where == null) {
            return this;
        }
        throw new UserInputException("a power calculation reads no data, so it cannot take the row filter '" + where + "'; drop --where");
    }

    @Override
    public PowerSpec withSeed(long seed) {
        return toBuilder().seed(seed).build();
    }

    /**
     * @return this spec when {@code dropMissing} is false
     * @throws UserInputException when asked to drop rows: there are none
     */
    @Override
    public PowerSpec withDropMissing(boolean dropMissing) {
        if (!dropMissing) {
            return this;
        }
        throw new UserInputException("a power calculation reads no data, so there are no missing rows to drop; drop --drop-missing");
    }

    /** Fluent construction of a {@link PowerSpec}; unset fields take the record's defaults. */
    public static final class Builder {
        private final Outcome outcome;
        private Double baseline;
        private Double sd;
        private Double mde;
        private Double n;
        private Double alpha;
        private Double power;
        private Double ratio;
        private Alternative alternative;
        private Integer looks;
        private SpendingFunction spending;
        private Long seed;

        private Builder(Outcome outcome) {
            this.outcome = outcome;
        }

        public Builder baseline(Double v) { this.baseline = v; return this; }
        public Builder sd(Double v) { this.sd = v; return this; }
        public Builder mde(Double v) { this.mde = v; return this; }
        public Builder n(Double v) { this.n = v; return this; }
        public Builder alpha(Double v) { this.alpha = v; return this; }
        public Builder power(Double v) { this.power = v; return this; }
        public Builder ratio(Double v) { this.ratio = v; return this; }
        public Builder alternative(Alternative v) { this.alternative = v; return this; }
        public Builder looks(Integer v) { this.looks = v; return this; }
        public Builder spending(SpendingFunction v) { this.spending = v; return this; }
        public Builder seed(Long v) { this.seed = v; return this; }

        public PowerSpec build() {
            return new PowerSpec(outcome, baseline, sd, mde, n, alpha, power, ratio, alternative, looks, spending, seed);
        }
    }
}
