package io.cerebro.core.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.cerebro.core.error.UserInputException;

import java.util.List;

/**
 * An A/B (or A/B/n) test: which column holds the arm, which the outcome, and how to test.
 *
 * <p>Every field but {@code treatment} and {@code outcome} has a default, applied when it is null:
 * the control is the first arm in sort order, the test is chosen from the outcome type, alpha is
 * 0.05, power 0.8, the alternative two-sided, several arms are Holm-adjusted, the Beta prior is
 * Beta(1, 1), group-sequential designs have 5 looks with O'Brien-Fleming spending.
 *
 * @param treatment    column naming each row's arm
 * @param outcome      column holding the metric (0/1, true/false or numbers)
 * @param control      the control arm's label; default the first label in sort order
 * @param outcomeType  binary or continuous; default detected from the data
 * @param test         the test to run; default {@link ABTestType#AUTO}
 * @param alternative  two-sided, greater or less (treatment minus control)
 * @param alpha        significance level in (0, 1)
 * @param power        target power in (0, 1) for sample-size and MDE statements
 * @param mde          minimum detectable effect as an absolute difference (optional)
 * @param covariate    pre-period numeric column for CUPED variance reduction (optional)
 * @param strata       categorical column for post-stratification (optional)
 * @param allocation   expected share of each arm, in sort order of labels, for the sample-ratio check (optional; default equal)
 * @param correction   p-value adjustment across arms compared with control
 * @param priorAlpha   Beta prior alpha for the Beta-Binomial model
 * @param priorBeta    Beta prior beta for the Beta-Binomial model
 * @param msprtTau     mixing standard deviation of the mSPRT's normal mixture, in outcome units (optional; default from the data)
 * @param looks        planned number of looks for a group-sequential design
 * @param look         the current look (1-based) for a group-sequential decision (optional; default the last)
 * @param spending     alpha-spending family for group-sequential designs
 * @param dropMissing  drop rows with a missing or non-numeric outcome instead of failing
 * @param where        SQL filter applied when the data is read (optional)
 * @param seed         random seed for anything simulated (Monte Carlo probabilities, bootstraps)
 */
public record ABTestSpec(
        @JsonPropertyDescription("column naming each row's arm") String treatment,
        @JsonPropertyDescription("outcome column: 0/1, true/false or numbers") String outcome,
        @JsonPropertyDescription("control arm label; default the first label in sort order") String control,
        @JsonPropertyDescription("auto, binary or continuous") OutcomeType outcomeType,
        @JsonPropertyDescription("auto, welch, student, mann_whitney, z_proportions, chi_square, fisher, bayesian, msprt, group_sequential") ABTestType test,
        @JsonPropertyDescription("two_sided, greater or less (treatment minus control)") Alternative alternative,
        @JsonPropertyDescription("significance level, default 0.05") Double alpha,
        @JsonPropertyDescription("target power, default 0.8") Double power,
        @JsonPropertyDescription("minimum detectable effect (absolute difference)") Double mde,
        @JsonPropertyDescription("pre-period covariate column for CUPED") String covariate,
        @JsonPropertyDescription("categorical column for post-stratification") String strata,
        @JsonPropertyDescription("expected allocation shares per arm in label order, e.g. [50, 50]") List<Double> allocation,
        @JsonPropertyDescription("holm, bh, bonferroni or none") MultipleTesting correction,
        @JsonPropertyDescription("Beta prior alpha, default 1") Double priorAlpha,
        @JsonPropertyDescription("Beta prior beta, default 1") Double priorBeta,
        @JsonPropertyDescription("mSPRT mixing standard deviation in outcome units") Double msprtTau,
        @JsonPropertyDescription("planned looks for group-sequential designs, default 5") Integer looks,
        @JsonPropertyDescription("current look (1-based) for a group-sequential decision") Integer look,
        @JsonPropertyDescription("obrien_fleming or pocock") SpendingFunction spending,
        @JsonPropertyDescription("drop rows with missing outcome instead of failing") Boolean dropMissing,
        @JsonPropertyDescription("SQL filter applied when reading the data") String where,
        @JsonPropertyDescription("random seed, default 42") Long seed) implements AnalysisSpec {

    public ABTestSpec {
        if (treatment == null || treatment.isBlank()) {
            throw new UserInputException("spec field 'treatment' is empty: name the column that holds each row's arm");
        }
        if (outcome == null || outcome.isBlank()) {
            throw new UserInputException("spec field 'outcome' is empty: name the column that holds the metric");
        }
        outcomeType = outcomeType == null ? OutcomeType.AUTO : outcomeType;
        test = test == null ? ABTestType.AUTO : test;
        alternative = alternative == null ? Alternative.TWO_SIDED : alternative;
        alpha = SpecChecks.alpha(alpha);
        power = power == null ? 0.8 : power;
        if (!(power > 0 && power < 1)) {
            throw new UserInputException("power must be between 0 and 1 (exclusive), got " + power + "; the usual value is 0.8");
        }
        if (mde != null && !(mde > 0) ) {
            throw new UserInputException("mde must be a positive difference, got " + mde);
        }
        if (allocation != null) {
            allocation = List.copyOf(allocation);
            for (Double a : allocation) {
                if (a == null || !(a > 0)) {
                    throw new UserInputException("allocation shares must be positive numbers, got " + allocation + "; e.g. 50,50");
                }
            }
        }
        correction = correction == null ? MultipleTesting.HOLM : correction;
        priorAlpha = priorAlpha == null ? 1.0 : priorAlpha;
        priorBeta = priorBeta == null ? 1.0 : priorBeta;
        if (!(priorAlpha > 0) || !(priorBeta > 0)) {
            throw new UserInputException("Beta prior parameters must be positive, got alpha=" + priorAlpha + ", beta=" + priorBeta);
        }
        if (msprtTau != null && !(msprtTau > 0)) {
            throw new UserInputException("msprt_tau must be positive, got " + msprtTau);
        }
        looks = looks == null ? 5 : looks;
        if (looks < 1 || looks > 50) {
            throw new UserInputException("looks must be between 1 and 50, got " + looks);
        }
        if (look != null && (look < 1 || look > looks)) {
            throw new UserInputException("look must be between 1 and looks (" + looks + "), got " + look);
        }
        spending = spending == null ? SpendingFunction.OBRIEN_FLEMING : spending;
        dropMissing = dropMissing != null && dropMissing;
        seed = seed == null ? 42L : seed;
    }

    /** A spec with only the two required columns; everything else takes its default. */
    public static ABTestSpec of(String treatment, String outcome) {
        return builder(treatment, outcome).build();
    }

    /** @return a builder starting from the required columns. */
    public static Builder builder(String treatment, String outcome) {
        return new Builder(treatment, outcome);
    }

    /** @return a builder holding this spec's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(treatment, outcome);
        b.control = control; b.outcomeType = outcomeType; b.test = test; b.alternative = alternative;
        b.alpha = alpha; b.power = power; b.mde = mde; b.covariate = covariate; b.strata = strata;
        b.allocation = allocation; b.correction = correction; b.priorAlpha = priorAlpha; b.priorBeta = priorBeta;
        b.msprtTau = msprtTau; b.looks = looks; b.look = look; b.spending = spending; b.dropMissing = dropMissing;
        b.where = where; b.seed = seed;
        return b;
    }

    @Override
    public String family() {
        return "ab";
    }

    @Override
    public ABTestSpec withWhere(String where) {
        return toBuilder().where(where).build();
    }

    @Override
    public ABTestSpec withSeed(long seed) {
        return toBuilder().seed(seed).build();
    }

    @Override
    public ABTestSpec withDropMissing(boolean dropMissing) {
        return toBuilder().dropMissing(dropMissing).build();
    }

    @Override
    public java.util.Set<String> columns() {
        java.util.Set<String> c = new java.util.LinkedHashSet<>(List.of(treatment, outcome));
        if (covariate != null) {
            c.add(covariate);
        }
        if (strata != null) {
            c.add(strata);
        }
        return c;
    }

    /** Fluent construction of an {@link ABTestSpec}; unset fields take the record's defaults. */
    public static final class Builder {
        private final String treatment;
        private final String outcome;
        private String control;
        private OutcomeType outcomeType;
        private ABTestType test;
        private Alternative alternative;
        private Double alpha;
        private Double power;
        private Double mde;
        private String covariate;
        private String strata;
        private List<Double> allocation;
        private MultipleTesting correction;
        private Double priorAlpha;
        private Double priorBeta;
        private Double msprtTau;
        private Integer looks;
        private Integer look;
        private SpendingFunction spending;
        private Boolean dropMissing;
        private String where;
        private Long seed;

        private Builder(String treatment, String outcome) {
            this.treatment = treatment;
            this.outcome = outcome;
        }

        public Builder control(String v) { this.control = v; return this; }
        public Builder outcomeType(OutcomeType v) { this.outcomeType = v; return this; }
        public Builder test(ABTestType v) { this.test = v; return this; }
        public Builder alternative(Alternative v) { this.alternative = v; return this; }
        public Builder alpha(Double v) { this.alpha = v; return this; }
        public Builder power(Double v) { this.power = v; return this; }
        public Builder mde(Double v) { this.mde = v; return this; }
        public Builder covariate(String v) { this.covariate = v; return this; }
        public Builder strata(String v) { this.strata = v; return this; }
        public Builder allocation(List<Double> v) { this.allocation = v; return this; }
        public Builder correction(MultipleTesting v) { this.correction = v; return this; }
        public Builder prior(Double alpha, Double beta) { this.priorAlpha = alpha; this.priorBeta = beta; return this; }
        public Builder msprtTau(Double v) { this.msprtTau = v; return this; }
        public Builder looks(Integer v) { this.looks = v; return this; }
        public Builder look(Integer v) { this.look = v; return this; }
        public Builder spending(SpendingFunction v) { this.spending = v; return this; }
        public Builder dropMissing(Boolean v) { this.dropMissing = v; return this; }
        public Builder where(String v) { this.where = v; return this; }
        public Builder seed(Long v) { this.seed = v; return this; }

        public ABTestSpec build() {
            return new ABTestSpec(treatment, outcome, control, outcomeType, test, alternative, alpha, power, mde,
                    covariate, strata, allocation, correction, priorAlpha, priorBeta, msprtTau, looks, look, spending,
                    dropMissing, where, seed);
        }
    }
}
