package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
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
public final class CausalCommand implements Callable<Integer> {
    @Mixin
    DataOptions dataOptions;

    @Option(names = "--spec", paramLabel = "FILE", description = "Read the spec from YAML or JSON; flags given here override its fields.")
    Path specFile;

    @Option(names = "--method", paramLabel = "M", description = "regression (default), psm, mahalanobis, ipw, aipw, frontdoor, "
            + "did, event_study, staggered_did, rdd, iv, synth.")
    String method;

    @Option(names = "--treatment", paramLabel = "COL", description = "0/1 treatment column (the endogenous regressor for iv).")
    String treatment;

    @Option(names = "--outcome", paramLabel = "COL", description = "Outcome column.")
    String outcome;

    @Option(names = "--confounders", paramLabel = "A,B", split = ",", description = "Adjustment set (covariates for rdd). Text columns are one-hot encoded.")
    List<String> confounders;

    @Option(names = "--graph", paramLabel = "DAG|FILE", description = "Causal graph, e.g. \"age -> treat; age -> re78; treat -> re78\" "
            + "(a <-> b for a hidden common cause), or a DOT file.")
    String graph;

    @Option(names = "--mediator", paramLabel = "COL", description = "Mediator for front-door adjustment (found from the graph when omitted).")
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

    @Mixin
    OutputOptions output;

    @Option(names = "--generate", paramLabel = "DIR",
            description = "Also write a validated standalone pipeline (Pipeline.java, README.md, validation.json) to DIR; exit 1 if it does not validate.")
    Path generate;

    @Mixin
    GeneratorOptions generatorOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        output.validate();
        if (generate != null) {
            PipelineFiles.checkTarget(generate, generatorOptions.force);
        }
        CausalSpec spec = buildSpec();
        for (String unused : unusedOptions(spec.method(), cmd.commandLine().getParseResult().matchedOptions().stream()
                .map(o -> o.longestName()).toList())) {
            cmd.commandLine().getErr().println("cerebro: " + unused + " is not used by --method "
                    + spec.method().name().toLowerCase(java.util.Locale.ROOT) + "; ignored");
        }
        try (Dataset data = dataOptions.open(spec.where())) {
            AnalysisResult r = Engines.run(spec, data);
            PrintWriter out = cmd.commandLine().getOut();
            output.emit(r, out);
            dataOptions.reportDropped(r, cmd.commandLine().getErr());
            if (generate != null) {
                out.println();
                return PipelineFiles.write(generatorOptions.cerebro().generate(spec, data), data, generate, out);
            }
        }
        return CliSupport.OK;
    }

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
        java.util.Set<CausalMethod> panel = java.util.EnumSet.of(CausalMethod.DID, CausalMethod.EVENT_STUDY, CausalMethod.STAGGERED_DID);
        m.put("--treated-group", java.util.EnumSet.of(CausalMethod.DID));
        m.put("--post", java.util.EnumSet.of(CausalMethod.DID));
        m.put("--first-treated", panel);
        m.put("--cluster", panel);
        m.put("--control-group", java.util.EnumSet.of(CausalMethod.STAGGERED_DID));
        m.put("--leads", java.util.EnumSet.of(CausalMethod.EVENT_STUDY));
        m.put("--lags", java.util.EnumSet.of(CausalMethod.EVENT_STUDY));
        java.util.Set<CausalMethod> panelOrSynth = java.util.EnumSet.copyOf(panel);
        panelOrSynth.add(CausalMethod.SYNTH);
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
            m.put(o, java.util.EnumSet.of(CausalMethod.SYNTH));
        }
        return m;
    }

    /** @return the given options that the method does not read, in the order given. */
    static List<String> unusedOptions(CausalMethod method, List<String> given) {
        return given.stream().filter(o -> DESIGN_OPTIONS.containsKey(o) && !DESIGN_OPTIONS.get(o).contains(method)).distinct().toList();
    }

    /** Overlays the flags on the spec file (if any) and reads the result as a {@link CausalSpec}. */
    CausalSpec buildSpec() {
        ObjectNode root;
        String origin;
        if (specFile != null) {
            AnalysisSpec s = SpecReader.read(specFile);
            if (!(s instanceof CausalSpec)) {
                throw new UserInputException("spec " + specFile + " is a " + s.family() + " spec; use 'cerebro " + s.family() + "'");
            }
            root = (ObjectNode) SpecReader.toTree(s);
            origin = specFile + " with command-line flags";
        } else {
            if (outcome == null) {
                throw new UserInputException("name the columns: --outcome COL (and --treatment COL for most methods) are required, or --spec FILE");
            }
            root = SpecReader.jsonMapper().createObjectNode();
            root.put("family", "causal");
            origin = "from the command line";
        }
        put(root, "method", method == null ? null : CausalMethod.parse(method).name());
        put(root, "treatment", treatment);
        put(root, "outcome", outcome);
        list(root, "confounders", confounders);
        put(root, "graph", graph);
        put(root, "mediator", mediator);
        put(root, "estimand", estimand == null ? null : estimand.toUpperCase(Locale.ROOT));
        if (alpha != null) root.put("alpha", alpha);
        list(root, "refute", refute);
        if (seed != null) root.put("seed", seed);
        ObjectNode matching = child(root, "matching");
        if (k != null) matching.put("k", k);
        if (replacement != null) matching.put("replacement", replacement);
        if (caliper != null) matching.put("caliper", caliper);
        ObjectNode weighting = child(root, "weighting");
        if (normalisation != null) weighting.put("normalized", normalisation.hajek);
        if (clip != null) weighting.put("clip", clip);
        if (trim != null) weighting.put("trim", trim);
        if (folds != null) weighting.put("folds", folds);
        String m = root.path("method").asText("REGRESSION");
        boolean synth = m.equals("SYNTH");
        ObjectNode panel = child(root, "panel");
        if (!synth) {
            put(panel, "unit", unit);
            put(panel, "time", time);
        }
        put(panel, "treated_group", treatedGroup);
        put(panel, "post", post);
        put(panel, "first_treated", firstTreated);
        put(panel, "cluster", cluster);
        put(panel, "control_group", controlGroup);
        if (leads != null) panel.put("leads", leads);
        if (lags != null) panel.put("lags", lags);
        ObjectNode rdd = child(root, "rdd");
        put(rdd, "running", running);
        if (cutoff != null) rdd.put("cutoff", cutoff);
        put(rdd, "fuzzy", fuzzy);
        put(rdd, "kernel", kernel);
        if (order != null) rdd.put("order", order);
        if (bandwidth != null) rdd.put("bandwidth", bandwidth);
        put(rdd, "vce", vce);
        ObjectNode iv = child(root, "iv");
        list(iv, "instruments", instruments);
        list(iv, "controls", controls);
        ObjectNode sy = child(root, "synth");
        if (synth) {
            put(sy, "unit", unit);
            put(sy, "time", time);
        }
        put(sy, "treated_unit", treatedUnit);
        if (treatmentStart != null) sy.put("treatment_start", treatmentStart);
        list(sy, "predictors", predictors);
        put(sy, "v_matrix", vMatrix);
        if (augmented != null) sy.put("augmented", augmented);
        list(sy, "donors", donors);
        for (String block : List.of("matching", "weighting", "panel", "rdd", "iv", "synth")) {
            JsonNode b = root.get(block);
            if (b != null && b.isObject() && b.isEmpty()) {
                root.remove(block);
            }
        }
        if (dataOptions.dropMissing) root.put("drop_missing", true);
        put(root, "where", dataOptions.where);
        AnalysisSpec s = SpecReader.parse(root.toString(), true, origin);
        return (CausalSpec) s;
    }

    private static void put(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void list(ObjectNode n, String field, List<String> values) {
        if (values != null) {
            ArrayNode a = n.putArray(field);
            values.stream().map(String::trim).filter(v -> !v.isEmpty()).forEach(a::add);
        }
    }

    private static ObjectNode child(ObjectNode n, String field) {
        JsonNode c = n.get(field);
        if (c instanceof ObjectNode o) {
            return o;
        }
        return n.putObject(field);
    }
}
