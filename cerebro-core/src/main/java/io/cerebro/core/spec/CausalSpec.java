package io.cerebro.core.spec;

import io.cerebro.core.error.UserInputException;

import java.util.List;

/**
 * A causal question about observational or quasi-experimental data.
 *
 * <p>Which fields matter depends on the method: the observational methods (regression, matching,
 * weighting, AIPW, front-door) use {@code treatment}, {@code outcome}, {@code confounders} or a
 * {@code graph}; the designs use their own block ({@code panel}, {@code rdd}, {@code iv},
 * {@code synth}).
 *
 * @param method      the estimator; default {@link CausalMethod#REGRESSION}
 * @param treatment   0/1 treatment column (the endogenous regressor for IV; unused for sharp RDD and synth)
 * @param outcome     outcome column
 * @param confounders adjustment set (or covariates for RDD); with a graph, checked against the backdoor criterion
 * @param graph       a causal DAG as {@code "a -> b; b -> c"} or the path of a DOT file (optional)
 * @param mediator    mediator column for front-door adjustment (optional; found from the graph otherwise)
 * @param estimand    ATE, ATT or ATC; default ATE
 * @param alpha       significance level, default 0.05
 * @param refute      refuters to run: placebo, random_common_cause, subset, bootstrap, or all (optional)
 * @param matching    matching options
 * @param weighting   weighting options
 * @param panel       panel design for did, event_study, staggered_did
 * @param rdd         regression discontinuity design
 * @param iv          instrumental variables design
 * @param synth       synthetic control design
 * @param bounds      partial identification options ({@code method: bounds})
 * @param honestDid   parallel-trends sensitivity of an event study (Rambachan and Roth 2023), when present
 * @param dropMissing drop rows with missing values in used columns instead of failing
 * @param where       SQL filter applied when reading the data
 * @param seed        random seed for refuters, bootstraps and cross-fitting, default 42
 */
public record CausalSpec(
        CausalMethod method,
        String treatment,
        String outcome,
        List<String> confounders,
        String graph,
        String mediator,
        Estimand estimand,
        Double alpha,
        List<String> refute,
        MatchingOptions matching,
        WeightingOptions weighting,
        PanelDesign panel,
        RddDesign rdd,
        IvDesign iv,
        SynthDesign synth,
        Boolean dropMissing,
        String where,
        Long seed,
        BoundsOptions bounds,
        HonestDidOptions honestDid) implements AnalysisSpec {

    /** A spec without bounds or parallel-trends sensitivity options (the form before they existed). */
    public CausalSpec(CausalMethod method, String treatment, String outcome, List<String> confounders, String graph,
                      String mediator, Estimand estimand, Double alpha, List<String> refute, MatchingOptions matching,
                      WeightingOptions weighting, PanelDesign panel, RddDesign rdd, IvDesign iv, SynthDesign synth,
                      Boolean dropMissing, String where, Long seed) {
        this(method, treatment, outcome, confounders, graph, mediator, estimand, alpha, refute, matching, weighting, panel, rdd,
                iv, synth, dropMissing, where, seed, null, null);
    }

    public CausalSpec {
        method = method == null ? CausalMethod.REGRESSION : method;
        if (outcome == null || outcome.isBlank()) {
            throw new UserInputException("spec field 'outcome' is empty: name the outcome column");
        }
        boolean needsTreatment = switch (method) {
            case RDD, SYNTH, ASYNTH, SDID, STAGGERED_DID, EVENT_STUDY, DID -> false;
            default -> true;
        };
        if (needsTreatment && (treatment == null || treatment.isBlank())) {
            throw new UserInputException("spec field 'treatment' is empty: method " + method.methodId()
                    + " needs the treatment column");
        }
        confounders = confounders == null ? List.of() : List.copyOf(confounders);
        estimand = estimand == null ? Estimand.ATE : estimand;
        alpha = SpecChecks.alpha(alpha);
        refute = refute == null ? List.of() : List.copyOf(refute);
        matching = matching == null ? MatchingOptions.defaults() : matching;
        weighting = weighting == null ? WeightingOptions.defaults() : weighting;
        dropMissing = dropMissing != null && dropMissing;
        seed = seed == null ? 42L : seed;
    }

    @Override
    public String family() {
        return "causal";
    }

    @Override
    public CausalSpec withWhere(String where) {
        return toBuilder().where(where).build();
    }

    @Override
    public CausalSpec withSeed(long seed) {
        return toBuilder().seed(seed).build();
    }

    @Override
    public CausalSpec withDropMissing(boolean dropMissing) {
        return toBuilder().dropMissing(dropMissing).build();
    }

    /**
     * @return a builder for a spec of {@code method} on {@code outcome}; every other field takes the
     * record's default unless set (the observational methods also need {@link Builder#treatment})
     */
    public static Builder builder(CausalMethod method, String outcome) {
        return new Builder().method(method).outcome(outcome);
    }

    /** @return an empty builder, to fill from flags or a file one field at a time. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this spec's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.method = method;
        b.treatment = treatment;
        b.outcome = outcome;
        b.confounders = confounders;
        b.graph = graph;
        b.mediator = mediator;
        b.estimand = estimand;
        b.alpha = alpha;
        b.refute = refute;
        b.matching = matching;
        b.weighting = weighting;
        b.panel = panel;
        b.rdd = rdd;
        b.iv = iv;
        b.synth = synth;
        b.dropMissing = dropMissing;
        b.where = where;
        b.seed = seed;
        b.bounds = bounds;
        b.honestDid = honestDid;
        return b;
    }

    /** Fluent construction of a {@link CausalSpec}; unset fields take the record's defaults when built. */
    public static final class Builder {
        private CausalMethod method;
        private String treatment;
        private String outcome;
        private List<String> confounders;
        private String graph;
        private String mediator;
        private Estimand estimand;
        private Double alpha;
        private List<String> refute;
        private MatchingOptions matching;
        private WeightingOptions weighting;
        private PanelDesign panel;
        private RddDesign rdd;
        private IvDesign iv;
        private SynthDesign synth;
        private Boolean dropMissing;
        private String where;
        private Long seed;
        private BoundsOptions bounds;
        private HonestDidOptions honestDid;

        private Builder() {
        }

        public Builder method(CausalMethod v) { this.method = v; return this; }
        public Builder treatment(String v) { this.treatment = v; return this; }
        public Builder outcome(String v) { this.outcome = v; return this; }
        public Builder confounders(List<String> v) { this.confounders = v; return this; }
        public Builder graph(String v) { this.graph = v; return this; }
        public Builder mediator(String v) { this.mediator = v; return this; }
        public Builder estimand(Estimand v) { this.estimand = v; return this; }
        public Builder alpha(Double v) { this.alpha = v; return this; }
        public Builder refute(List<String> v) { this.refute = v; return this; }
        public Builder matching(MatchingOptions v) { this.matching = v; return this; }
        public Builder weighting(WeightingOptions v) { this.weighting = v; return this; }
        public Builder panel(PanelDesign v) { this.panel = v; return this; }
        public Builder rdd(RddDesign v) { this.rdd = v; return this; }
        public Builder iv(IvDesign v) { this.iv = v; return this; }
        public Builder synth(SynthDesign v) { this.synth = v; return this; }
        public Builder dropMissing(Boolean v) { this.dropMissing = v; return this; }
        public Builder where(String v) { this.where = v; return this; }
        public Builder seed(Long v) { this.seed = v; return this; }
        public Builder bounds(BoundsOptions v) { this.bounds = v; return this; }
        public Builder honestDid(HonestDidOptions v) { this.honestDid = v; return this; }

        /** @return the bounds block set so far, or null. */
        public BoundsOptions bounds() { return bounds; }

        /** @return the parallel-trends sensitivity block set so far, or null. */
        public HonestDidOptions honestDid() { return honestDid; }

        /** @return the method set so far (null: the default, regression). */
        public CausalMethod method() { return method; }

        /** @return the panel block set so far, or null. */
        public PanelDesign panel() { return panel; }

        /** @return the matching block set so far, or null. */
        public MatchingOptions matching() { return matching; }

        /** @return the weighting block set so far, or null. */
        public WeightingOptions weighting() { return weighting; }

        /** @return the RDD block set so far, or null. */
        public RddDesign rdd() { return rdd; }

        /** @return the IV block set so far, or null. */
        public IvDesign iv() { return iv; }

        /** @return the synthetic-control block set so far, or null. */
        public SynthDesign synth() { return synth; }

        /**
         * @return the spec
         * @throws io.cerebro.core.error.UserInputException when a value is impossible (no outcome, a
         *         method that needs a treatment column without one, alpha outside (0, 1))
         */
        public CausalSpec build() {
            return new CausalSpec(method, treatment, outcome, confounders, graph, mediator, estimand, alpha, refute, matching, weighting, panel, rdd, iv, synth, dropMissing, where, seed, bounds, honestDid);
        }
    }

    /** Causal methods may use columns found from a graph or one-hot encodings: the whole table is read. */
    @Override
    public java.util.Set<String> columns() {
        return null;
    }
}
