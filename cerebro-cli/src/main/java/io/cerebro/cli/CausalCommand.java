package io.cerebro.cli;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.Estimand;
import io.cerebro.core.spec.IvDesign;
import io.cerebro.core.spec.MatchingOptions;
import io.cerebro.core.spec.PanelDesign;
import io.cerebro.core.spec.RddDesign;
import io.cerebro.core.spec.SynthDesign;
import io.cerebro.core.spec.WeightingOptions;
import io.cerebro.core.spec.SpecReader;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cerebro causal}: estimate a causal effect from observational data (regression, matching,
 * weighting, AIPW, front-door) or a quasi-experimental design (DiD, event study, staggered DiD, RDD,
 * IV, synthetic control). Flags map one to one onto {@link CausalSpec}; a {@code --spec} file gives
 * the starting values and flags override them.
 */
@Command(name = "causal", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimate a causal effect: identify (confounders or a causal graph), estimate with an interval, "
                + "check balance and overlap, refute, and bound the effect of unmeasured confounding.",
                "Example: cerebro causal lalonde.csv --treatment treat --outcome re78 --confounders age,educ,re74,re75 "
                        + "--method psm --estimand att --refute all --report r.html"})
public final class CausalCommand extends AnalysisCommand<CausalSpec> {
    @Option(names = "--spec", paramLabel = "FILE", description = "Read the spec from YAML or JSON; flags given here override its fields.")
    Path specFile;

    @Option(names = "--method", paramLabel = "M", description = "regression (default), psm, mahalanobis, ipw, aipw, frontdoor, "
            + "did, event_study, staggered_did, rdd, iv, synth, asynth (ridge-augmented synth), sdid (synthetic DiD), "
            + "mediation (ACME/ADE through --mediator), bounds (partial identification, see --bounds).")
    String method;

    @Option(names = "--treatment", paramLabel = "COL", description = "0/1 treatment column (the endogenous regressor for iv; for did, event_study and staggered_did 1 while a unit is treated, instead of --first-treated).")
    String treatment;

    @Option(names = "--outcome", paramLabel = "COL", description = "Outcome column.")
    String outcome;

    @Option(names = "--confounders", paramLabel = "A,B", split = ",", description = "Adjustment set (covariates for rdd). Text columns are one-hot encoded.")
    List<String> confounders;

    @Option(names = "--graph", paramLabel = "DAG|FILE", description = "Causal graph, e.g. \"age -> treat; age -> re78; treat -> re78\" "
            + "(a <-> b for a hidden common cause), or a DOT file.")
    String graph;

    @Option(names = "--mediator", paramLabel = "COL", description = "Mediator for --method frontdoor (found from the graph when omitted) or --method mediation.")
    String mediator;

    @Option(names = "--estimand", paramLabel = "E", description = "ate (default), att or atc.")
    String estimand;

    @Option(names = "--alpha", paramLabel = "A", description = "Significance level (default 0.05).")
    Double alpha;

    @Option(names = "--refute", paramLabel = "R,...", split = ",", description = "Refuters: placebo, random_common_cause, subset, bootstrap, or all.")
    List<String> refute;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed for refuters and cross-fitting (default 42).")
    Long seed;

    @Option(names = "--k", paramLabel = "K", description = "Matches per unit, 1:k (default 1).")
    Integer k;

    @Option(names = "--replacement", negatable = true, description = "Match with replacement (default) or, with --no-replacement, greedily without.")
    Boolean replacement;

    @Option(names = "--caliper", paramLabel = "SD", description = "Caliper in standard deviations of the propensity score (Mahalanobis distance for mahalanobis).")
    Double caliper;

    @Option(names = "--clip", paramLabel = "P", description = "Clip propensity scores to [P, 1-P] (ipw, aipw).")
    Double clip;

    @Option(names = "--trim", paramLabel = "P", description = "Drop units with propensity outside [P, 1-P] (ipw).")
    Double trim;

    @ArgGroup(exclusive = true)
    Normalisation normalisation;

    /** --hajek and --horvitz-thompson exclude each other. */
    static final class Normalisation {
        @Option(names = "--hajek", description = "Normalise weights within arm (default).")
        boolean hajek;

        @Option(names = "--horvitz-thompson", description = "Unnormalised Horvitz-Thompson weights.")
        boolean horvitzThompson;
    }

    @Option(names = "--folds", paramLabel = "K", description = "Cross-fitting folds for aipw (default none).")
    Integer folds;

    // panel designs (did, event_study, staggered_did) and synth share --unit and --time
    @Option(names = "--unit", paramLabel = "COL", description = "Unit column (did family, synth).")
    String unit;

    @Option(names = "--time", paramLabel = "COL", description = "Time column (did family, synth).")
    String time;

    @Option(names = "--treated-group", paramLabel = "COL", description = "0/1 treated-group column (2x2 did).")
    String treatedGroup;

    @Option(names = "--post", paramLabel = "COL", description = "0/1 post-period column (2x2 did).")
    String post;

    @Option(names = "--first-treated", paramLabel = "COL", description = "First treated period per unit, 0 or empty if never (event study, staggered).")
    String firstTreated;

    @Option(names = "--cluster", paramLabel = "COL", description = "Cluster standard errors on this column (default the unit).")
    String cluster;

    @Option(names = "--control-group", paramLabel = "G", description = "never (default) or notyet treated controls (staggered).")
    String controlGroup;

    @Option(names = "--leads", paramLabel = "N", description = "Event-study leads.")
    Integer leads;

    @Option(names = "--lags", paramLabel = "N", description = "Event-study lags.")
    Integer lags;

    @Option(names = "--running", paramLabel = "COL", description = "Running variable (rdd).")
    String running;

    @Option(names = "--cutoff", paramLabel = "C", description = "Cutoff (rdd, default 0).")
    Double cutoff;

    @Option(names = "--fuzzy", paramLabel = "COL", description = "Take-up column for a fuzzy rdd.")
    String fuzzy;

    @Option(names = "--kernel", paramLabel = "K", description = "triangular (default), epanechnikov or uniform (rdd).")
    String kernel;

    @Option(names = "--order", paramLabel = "P", description = "Local polynomial order 1 (default) or 2 (rdd).")
    Integer order;

    @Option(names = "--bandwidth", paramLabel = "H", description = "Fixed bandwidth (rdd; default MSE-optimal).")
    Double bandwidth;

    @Option(names = "--vce", paramLabel = "V", description = "nn (default) or hc1 (rdd).")
    String vce;

    @Option(names = "--instruments", paramLabel = "A,B", split = ",", description = "Excluded instruments (iv).")
    List<String> instruments;

    @Option(names = "--controls", paramLabel = "A,B", split = ",", description = "Exogenous controls (iv).")
    List<String> controls;

    @Option(names = "--treated-unit", paramLabel = "LABEL", description = "The treated unit (synth).")
    String treatedUnit;

    @Option(names = "--treatment-start", paramLabel = "T", description = "First treated period (synth).")
    Double treatmentStart;

    @Option(names = "--predictors", paramLabel = "A,B", split = ",", description = "Predictor columns averaged over the pre-period (synth).")
    List<String> predictors;

    @Option(names = "--v-matrix", paramLabel = "V", description = "equal or data (synth).")
    String vMatrix;

    @Option(names = "--augmented", negatable = true, description = "Ridge-augmented synthetic control.")
    Boolean augmented;

    @Option(names = "--donors", paramLabel = "A,B", split = ",", description = "Donor units to use (synth; default all others).")
    List<String> donors;

    @Option(names = "--bounds", paramLabel = "A", description = "With --method bounds: manski (default, no assumption), mtr (treatment "
            + "never lowers the outcome), mts (the treated would do at least as well either way) or mtr+mts.")
    String boundsAssumption;

    @Option(names = "--outcome-range", paramLabel = "LO,HI", split = ",", description = "With --method bounds: the outcome's logical "
            + "range (default [0,1] for a 0/1 outcome, else the observed range).")
    List<Double> outcomeRange;

    @Option(names = "--sensitivity", paramLabel = "S", description = "honest_did: with --method event_study, effects robust to "
            + "bounded violations of parallel trends (Rambachan-Roth relative magnitudes and smoothness).")
    String sensitivity;

    @Option(names = "--mbar", paramLabel = "MBAR", description = "With --sensitivity honest_did: post-period trend changes up to MBAR "
            + "times the largest pre-period change (default 1).")
    Double mbar;

    @Option(names = "--smoothness", paramLabel = "M", description = "With --sensitivity honest_did: the trend gap's slope may change "
            + "by M per period (default 0: linear continuation of the pre-trend).")
    Double smoothness;

    @Option(names = "--insights", description = "Add plain-language insights (effect, refuters, sensitivity, limits) to the output.")
    boolean insights;

    @Option(names = "--subgroups", paramLabel = "COL", description = "With --insights: compare the effect across the levels of COL (Holm-corrected).")
    String subgroups;

    @Override
    protected AnalysisResult afterRun(CausalSpec spec, Dataset data, AnalysisResult result) {
        if (subgroups != null && !insights) {
            throw new UserInputException("--subgroups only works with --insights; add --insights");
        }
        if (!insights) {
            return result;
        }
        List<io.cerebro.core.result.Insight> list = new java.util.ArrayList<>(io.cerebro.core.causal.insight.Insights.of(result));
        if (subgroups != null) {
            // after the effect, refuters and sensitivity, before what the design cannot say
            list.add(list.size() - 1, io.cerebro.core.causal.insight.Insights.subgroups(spec, data, subgroups));
        }
        return result.withInsights(list);
    }

    /**
     * Regression adjustment (continuous outcome) and two-way fixed effects computed by SQL in the
     * --source engine ({@link io.cerebro.core.pushdown.CausalPushdown}); other methods are refused
     * with a line saying to export the columns.
     */
    @Override
    protected AnalysisResult runPushdown(CausalSpec spec, io.cerebro.core.pushdown.SqlEngine engine, io.cerebro.core.pushdown.SqlRelation relation) {
        if (subgroups != null) {
            throw new UserInputException("--subgroups re-fits per level on the rows; with --source, leave it out or export the columns to a file");
        }
        AnalysisResult r = io.cerebro.core.pushdown.CausalPushdown.run(spec, engine, relation);
        return insights ? r.withInsights(io.cerebro.core.causal.insight.Insights.of(r)) : r;
    }

    /**
     * Names on stderr each given flag that the spec's method does not read. (Cohorts derived from a
     * 0/1 treatment column are reported among the result's checks, so an error stays one line.)
     */
    @Override
    protected void beforeRun(CausalSpec spec, PrintWriter err) {
        for (String unused : unusedOptions(spec.method(), cmd.commandLine().getParseResult().matchedOptions().stream()
                .map(o -> o.longestName()).toList())) {
            err.println("cerebro: " + unused + " is not used by --method "
                    + spec.method().name().toLowerCase(java.util.Locale.ROOT) + "; ignored");
        }
    }

    /** The methods that read the synth block (unit, time, treated unit, treatment start, donors). */
    private static final java.util.Set<CausalMethod> SYNTH_DESIGNS = java.util.EnumSet.of(CausalMethod.SYNTH,
            CausalMethod.ASYNTH, CausalMethod.SDID);

    /** Options that only some methods read; each method lists the ones it uses. */
    private static final java.util.Map<String, java.util.Set<CausalMethod>> DESIGN_OPTIONS = designOptions();

    private static java.util.Map<String, java.util.Set<CausalMethod>> designOptions() {
        java.util.Map<String, java.util.Set<CausalMethod>> m = new java.util.HashMap<>();
        java.util.Set<CausalMethod> matching = java.util.EnumSet.of(CausalMethod.PSM, CausalMethod.MAHALANOBIS);
        for (String o : List.of("--k", "--replacement", "--no-replacement", "--caliper")) {
            m.put(o, matching);
        }
        for (String o : List.of("--clip", "--trim")) {
            m.put(o, java.util.EnumSet.of(CausalMethod.IPW, CausalMethod.AIPW));
        }
        for (String o : List.of("--hajek", "--horvitz-thompson")) {
            m.put(o, java.util.EnumSet.of(CausalMethod.IPW));
        }
        m.put("--folds", java.util.EnumSet.of(CausalMethod.AIPW));
        m.put("--bounds", java.util.EnumSet.of(CausalMethod.BOUNDS));
        m.put("--outcome-range", java.util.EnumSet.of(CausalMethod.BOUNDS));
        for (String o : List.of("--sensitivity", "--mbar", "--smoothness")) {
            m.put(o, java.util.EnumSet.of(CausalMethod.EVENT_STUDY));
        }
        java.util.Set<CausalMethod> panel = java.util.EnumSet.of(CausalMethod.DID, CausalMethod.EVENT_STUDY, CausalMethod.STAGGERED_DID);
        m.put("--treated-group", java.util.EnumSet.of(CausalMethod.DID));
        m.put("--post", java.util.EnumSet.of(CausalMethod.DID));
        m.put("--first-treated", panel);
        // Callaway-Sant'Anna's errors are always clustered by unit: --cluster is named as ignored there
        m.put("--cluster", java.util.EnumSet.of(CausalMethod.DID, CausalMethod.EVENT_STUDY));
        m.put("--confounders", java.util.EnumSet.of(CausalMethod.REGRESSION, CausalMethod.PSM, CausalMethod.MAHALANOBIS,
                CausalMethod.IPW, CausalMethod.AIPW, CausalMethod.FRONTDOOR, CausalMethod.RDD, CausalMethod.MEDIATION));
        m.put("--control-group", java.util.EnumSet.of(CausalMethod.STAGGERED_DID));
        m.put("--leads", java.util.EnumSet.of(CausalMethod.EVENT_STUDY));
        m.put("--lags", java.util.EnumSet.of(CausalMethod.EVENT_STUDY));
        java.util.Set<CausalMethod> panelOrSynth = java.util.EnumSet.copyOf(panel);
        panelOrSynth.addAll(SYNTH_DESIGNS);
        m.put("--unit", panelOrSynth);
        m.put("--time", panelOrSynth);
        for (String o : List.of("--running", "--cutoff", "--fuzzy", "--kernel", "--order", "--bandwidth")) {
            m.put(o, java.util.EnumSet.of(CausalMethod.RDD));
        }
        for (String o : List.of("--instruments", "--controls")) {
            m.put(o, java.util.EnumSet.of(CausalMethod.IV));
        }
        m.put("--vce", java.util.EnumSet.of(CausalMethod.RDD, CausalMethod.IV));
        for (String o : List.of("--treated-unit", "--treatment-start", "--predictors", "--v-matrix", "--augmented", "--no-augmented",
                "--donors")) {
            m.put(o, java.util.EnumSet.of(CausalMethod.SYNTH, CausalMethod.ASYNTH));
        }
        // synthetic DiD reads the unit, time, treated unit, start and donors of the synth block, not its predictors
        for (String o : List.of("--treated-unit", "--treatment-start", "--donors")) {
            m.get(o).add(CausalMethod.SDID);
        }
        return m;
    }

    /** @return the given options that the method does not read, in the order given. */
    static List<String> unusedOptions(CausalMethod method, List<String> given) {
        return given.stream().filter(o -> DESIGN_OPTIONS.containsKey(o) && !DESIGN_OPTIONS.get(o).contains(method)).distinct().toList();
    }

    /**
     * Starts from the spec file (if any) and sets every field a flag names on the builder; blocks of
     * the design (matching, weighting, panel, rdd, iv, synth) keep the file's values for fields no flag
     * names.
     */
    @Override
    protected CausalSpec buildSpec() {
        CausalSpec.Builder b;
        if (specFile != null) {
            AnalysisSpec s = SpecReader.read(specFile);
            if (!(s instanceof CausalSpec c)) {
                throw new UserInputException("spec " + specFile + " is a " + s.family() + " spec; use 'cerebro "
                        + io.cerebro.core.family.Families.of(s).command() + "'");
            }
            b = c.toBuilder();
        } else {
            if (outcome == null) {
                throw new UserInputException("name the columns: --outcome COL (and --treatment COL for most methods) are required, or --spec FILE");
            }
            b = CausalSpec.builder();
        }
        if (method != null) b.method(CausalMethod.parse(method));
        if (treatment != null) b.treatment(treatment);
        if (outcome != null) b.outcome(outcome);
        if (confounders != null) b.confounders(trimmed(confounders));
        if (graph != null) b.graph(graph);
        if (mediator != null) b.mediator(mediator);
        if (estimand != null) b.estimand(parseEstimand(estimand));
        if (alpha != null) b.alpha(alpha); else if (specFile == null) b.alpha(CliConfig.current().alpha());
        if (refute != null) b.refute(trimmed(refute));
        if (seed != null) b.seed(seed);
        if (k != null || replacement != null || caliper != null) {
            MatchingOptions m = b.matching();
            b.matching(new MatchingOptions(k != null ? k : m == null ? null : m.k(),
                    replacement != null ? replacement : m == null ? null : m.replacement(),
                    caliper != null ? caliper : m == null ? null : m.caliper()));
        }
        if (normalisation != null || clip != null || trim != null || folds != null) {
            WeightingOptions w = b.weighting();
            b.weighting(new WeightingOptions(normalisation != null ? Boolean.valueOf(normalisation.hajek) : w == null ? null : w.normalized(),
                    clip != null ? clip : w == null ? null : w.clip(),
                    trim != null ? trim : w == null ? null : w.trim(),
                    folds != null ? folds : w == null ? null : w.folds()));
        }
        if (boundsAssumption != null || outcomeRange != null) {
            io.cerebro.core.spec.BoundsOptions bo = b.bounds();
            b.bounds(new io.cerebro.core.spec.BoundsOptions(or(boundsAssumption, bo == null ? null : bo.assumption()),
                    or(outcomeRange, bo == null ? null : bo.outcomeRange())));
        }
        if (sensitivity != null && !sensitivity.trim().toLowerCase(Locale.ROOT).replace('-', '_').equals("honest_did")) {
            throw new UserInputException("--sensitivity takes honest_did, got '" + sensitivity + "'");
        }
        if ((mbar != null || smoothness != null) && sensitivity == null && b.honestDid() == null) {
            throw new UserInputException("--mbar and --smoothness only work with --sensitivity honest_did; add it");
        }
        if (sensitivity != null || mbar != null || smoothness != null) {
            io.cerebro.core.spec.HonestDidOptions h = b.honestDid();
            b.honestDid(new io.cerebro.core.spec.HonestDidOptions(or(mbar, h == null ? null : h.mbar()),
                    or(smoothness, h == null ? null : h.smoothness())));
        }
        CausalMethod m = b.method() == null ? CausalMethod.REGRESSION : b.method();
        boolean synth = SYNTH_DESIGNS.contains(m);
        String panelUnit = synth ? null : unit;
        String panelTime = synth ? null : time;
        if (panelUnit != null || panelTime != null || treatedGroup != null || post != null || firstTreated != null || cluster != null
                || controlGroup != null || leads != null || lags != null) {
            PanelDesign p = b.panel();
            b.panel(new PanelDesign(or(panelUnit, p == null ? null : p.unit()), or(panelTime, p == null ? null : p.time()),
                    or(treatedGroup, p == null ? null : p.treatedGroup()), or(post, p == null ? null : p.post()),
                    or(firstTreated, p == null ? null : p.firstTreated()), or(cluster, p == null ? null : p.cluster()),
                    or(controlGroup, p == null ? null : p.controlGroup()), or(leads, p == null ? null : p.leads()),
                    or(lags, p == null ? null : p.lags())));
        }
        String rddVce = m == CausalMethod.IV ? null : vce;
        if (running != null || cutoff != null || fuzzy != null || kernel != null || order != null || bandwidth != null || rddVce != null) {
            RddDesign r = b.rdd();
            b.rdd(new RddDesign(or(running, r == null ? null : r.running()), or(cutoff, r == null ? null : r.cutoff()),
                    or(fuzzy, r == null ? null : r.fuzzy()), or(kernel, r == null ? null : r.kernel()),
                    or(order, r == null ? null : r.order()), or(bandwidth, r == null ? null : r.bandwidth()),
                    or(rddVce, r == null ? null : r.vce())));
        }
        String ivVce = m == CausalMethod.IV ? vce : null;
        if (instruments != null || controls != null || ivVce != null) {
            IvDesign v = b.iv();
            b.iv(new IvDesign(instruments != null ? trimmed(instruments) : v == null ? null : v.instruments(),
                    controls != null ? trimmed(controls) : v == null ? null : v.controls(), or(ivVce, v == null ? null : v.vce())));
        }
        String synthUnit = synth ? unit : null;
        String synthTime = synth ? time : null;
        if (synthUnit != null || synthTime != null || treatedUnit != null || treatmentStart != null || predictors != null
                || vMatrix != null || augmented != null || donors != null) {
            SynthDesign y = b.synth();
            b.synth(new SynthDesign(or(synthUnit, y == null ? null : y.unit()), or(synthTime, y == null ? null : y.time()),
                    or(treatedUnit, y == null ? null : y.treatedUnit()), or(treatmentStart, y == null ? null : y.treatmentStart()),
                    predictors != null ? trimmed(predictors) : y == null ? null : y.predictors(),
                    or(vMatrix, y == null ? null : y.vMatrix()), or(augmented, y == null ? null : y.augmented()),
                    donors != null ? trimmed(donors) : y == null ? null : y.donors(),
                    y == null ? null : y.outcomeLags(), y == null ? null : y.predictorFrom()));
        }
        return b.build();
    }

    private static <T> T or(T flag, T fromFile) {
        return flag != null ? flag : fromFile;
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static Estimand parseEstimand(String text) {
        try {
            return Estimand.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--estimand must be one of: ate, att, atc, got \"" + text + "\"");
        }
    }
}
