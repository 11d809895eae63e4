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
        Long seed) implements AnalysisSpec {

    public CausalSpec {
        method = method == null ? CausalMethod.REGRESSION : method;
        if (outcome == null || outcome.isBlank()) {
            throw new UserInputException("spec field 'outcome' is empty: name the outcome column");
        }
        boolean needsTreatment = switch (method) {
            case RDD, SYNTH, STAGGERED_DID, EVENT_STUDY, DID -> false;
            default -> true;
        };
        if (needsTreatment && (treatment == null || treatment.isBlank())) {
            throw new UserInputException("spec field 'treatment' is empty: method " + method.methodId()
                    + " needs the treatment column");
        }
        confounders = confounders == null ? List.of() : List.copyOf(confounders);
        estimand = estimand == null ? Estimand.ATE : estimand;
        alpha = alpha == null ? 0.05 : alpha;
        if (!(alpha > 0 && alpha < 1)) {
            throw new UserInputException("alpha must be between 0 and 1 (exclusive), got " + alpha + "; the usual value is 0.05");
        }
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

    /** Causal methods may use columns found from a graph or one-hot encodings: the whole table is read. */
    @Override
    public java.util.Set<String> columns() {
        return null;
    }
}
