package io.cerebro.agents.causal;

import io.cerebro.agents.generate.JavaSource;
import io.cerebro.core.causal.graph.CausalGraph;
import io.cerebro.core.causal.graph.Identification;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.PanelDesign;
import io.cerebro.core.spec.WeightingOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the standalone Java program for a causal spec: the shared reading, model-fitting and JSON
 * code ({@code templates/common.java.txt} beside this class) plus one template per method, with the
 * spec's columns and options bound in as constants at the top of the class. The programs use only
 * the JDK and the pipeline classpath (commons-math3, commons-csv, jackson-databind) and recompute
 * the method without Cerebro's engines.
 */
public final class CausalPipelineWriter {
    /** Methods with an offline template, in the order they were written. */
    public static final Set<CausalMethod> OFFLINE = Set.of(CausalMethod.REGRESSION, CausalMethod.IPW, CausalMethod.AIPW,
            CausalMethod.DID, CausalMethod.IV, CausalMethod.PSM, CausalMethod.FRONTDOOR, CausalMethod.MAHALANOBIS,
            CausalMethod.EVENT_STUDY, CausalMethod.STAGGERED_DID, CausalMethod.SYNTH, CausalMethod.RDD);

    private CausalPipelineWriter() {
    }

    /** @return whether the method estimates from a treatment and confounders (not a quasi-experimental design). */
    public static boolean isObservational(CausalMethod method) {
        return switch (method) {
            case REGRESSION, PSM, MAHALANOBIS, IPW, AIPW, FRONTDOOR, MEDIATION, BOUNDS -> true;
            case DID, EVENT_STUDY, STAGGERED_DID, RDD, IV, SYNTH, ASYNTH, SDID -> false;
        };
    }

    /** @return whether the offline generator has a template for the method. */
    public static boolean hasTemplate(CausalMethod method) {
        return OFFLINE.contains(method);
    }

    /**
     * The message for a method without an offline template.
     *
     * @return one line naming the method and the two ways forward
     */
    public static String noTemplateMessage(CausalMethod method) {
        return "no offline template for " + method.methodId()
                + " yet; configure an LLM (docs/agents.md) or use the engine directly ('cerebro causal' without --generate)";
    }

    /**
     * The adjustment set the engine uses: the confounder list, or (without one) the minimal backdoor
     * set of the spec's graph.
     */
    static List<String> adjustmentSet(CausalSpec spec) {
        if (!spec.confounders().isEmpty() || spec.graph() == null) {
            return spec.confounders();
        }
        return new Identification(CausalGraph.parse(spec.graph()), spec.treatment(), spec.outcome()).minimalBackdoorSet()
                .orElseThrow(() -> new UserInputException("the effect of " + spec.treatment() + " on " + spec.outcome()
                        + " is not identified by adjustment in the graph; no pipeline can be written for " + spec.method().methodId()));
    }

    /**
     * The front-door mediator the engine uses: the spec's mediator (checked against the graph when
     * one is given), or the graph's front-door mediator.
     */
    static String mediator(CausalSpec spec) {
        if (spec.graph() == null) {
            if (spec.mediator() == null) {
                throw new UserInputException("front-door adjustment needs a mediator: pass --mediator COL or a --graph to find one");
            }
            return spec.mediator();
        }
        Identification idf = new Identification(CausalGraph.parse(spec.graph()), spec.treatment(), spec.outcome());
        if (spec.mediator() != null) {
            idf.frontdoorViolation(spec.mediator()).ifPresent(v -> {
                throw new UserInputException("the mediator " + spec.mediator() + " fails the front-door criterion: " + v
                        + "; choose another mediator or drop --mediator to search the graph");
            });
            return spec.mediator();
        }
        return idf.findMediator().orElseThrow(() -> new UserInputException("no observed variable in the graph satisfies the"
                + " front-door criterion for " + spec.treatment() + " -> " + spec.outcome() + "; use a backdoor method"));
    }

    /**
     * @return the Java source of class {@code Pipeline} for the spec
     * @throws UserInputException when the method has no offline template
     */
    public static String write(CausalSpec spec) {
        if (!hasTemplate(spec.method())) {
            throw new UserInputException(noTemplateMessage(spec.method()));
        }
        if (spec.method() == CausalMethod.SYNTH) {
            return SynthPipelineSection.write(spec);
        }
        String name = spec.method().name().toLowerCase(Locale.ROOT);
        WeightingOptions wo = spec.weighting();
        boolean panelDesign = PanelPipelineSection.handles(spec);
        if (panelDesign) {
            PanelPipelineSection.validate(spec);
        }
        boolean did = spec.method() == CausalMethod.DID && !panelDesign;
        PanelDesign panel = spec.panel();
        if (did && (panel == null || panel.treatedGroup() == null || panel.post() == null)) {
            throw new UserInputException("method did needs either panel.treated_group and panel.post (2x2) or "
                    + "panel.first_treated (two-way fixed effects); give --treated-group and --post, or --first-treated");
        }
        boolean iv = spec.method() == CausalMethod.IV;
        if (iv && (spec.iv() == null || spec.iv().instruments().isEmpty())) {
            throw new UserInputException("method iv needs at least one instrument; give --instruments z1[,z2...]");
        }
        boolean rdd = spec.method() == CausalMethod.RDD;
        if (rdd) {
            RddPipelineSection.check(spec);
        }
        boolean mahalanobis = spec.method() == CausalMethod.MAHALANOBIS;
        boolean greedy = (spec.method() == CausalMethod.PSM || mahalanobis) && !spec.matching().replacement();
        if (greedy && spec.estimand() == io.cerebro.core.spec.Estimand.ATE) {
            throw new UserInputException("matching without replacement estimates the ATT or the ATC, not the ATE; "
                    + "use --replacement or --estimand att");
        }
        if (greedy && !mahalanobis) {
            name = "psm_greedy";
        }
        boolean ownReader = did || iv || panelDesign || rdd;
        boolean frontdoor = spec.method() == CausalMethod.FRONTDOOR;
        String mediator = frontdoor ? mediator(spec) : null;
        List<String> adjustment = ownReader ? List.of() : frontdoor ? List.of(mediator) : adjustmentSet(spec);
        StringBuilder b = new StringBuilder();
        JavaSource.header(b, panelDesign ? PanelPipelineSection.title(spec) : title(spec), spec);
        if (panelDesign) {
            PanelPipelineSection.design(b, spec);
        } else if (iv) {
            b.append(" * Design: instrumental variables; the instruments are assumed relevant and excluded from the outcome equation.\n");
        } else if (did) {
            b.append(" * Design: 2x2 difference-in-differences; parallel trends between the groups is assumed.\n");
        } else if (rdd) {
            RddPipelineSection.design(b, spec);
        } else if (frontdoor) {
            b.append(" * Design: front-door adjustment through the mediator ").append(JavaSource.commentSafe(mediator))
                    .append("; the mediator is assumed to carry\n *         the whole effect, with no unblocked backdoor path into it"
                            + " or from it to the outcome, and the relations linear.\n");
        } else if (spec.confounders().isEmpty() && spec.graph() != null) {
            b.append(" * Adjustment set: the minimal backdoor set of the graph, {").append(JavaSource.commentSafe(String.join(", ", adjustment)))
                    .append("}.\n");
        } else {
            b.append(" * Adjustment set: the confounder list, assumed to block every backdoor path (no unmeasured confounding).\n");
        }
        JavaSource.usage(b, "a CSV file with a header holding the columns named below.", spec);
        for (String imp : List.of("com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.databind.node.ArrayNode",
                "com.fasterxml.jackson.databind.node.ObjectNode", "java.io.IOException", "java.io.Reader", "java.nio.file.Files",
                "java.nio.file.Path", "java.util.ArrayList", "java.util.LinkedHashMap", "java.util.List", "java.util.Map",
                "java.util.Random", "java.util.TreeSet", "java.util.stream.DoubleStream", "java.util.stream.IntStream",
                "org.apache.commons.csv.CSVFormat", "org.apache.commons.csv.CSVParser", "org.apache.commons.csv.CSVRecord",
                "org.apache.commons.math3.distribution.FDistribution", "org.apache.commons.math3.distribution.NormalDistribution",
                "org.apache.commons.math3.distribution.TDistribution", "org.apache.commons.math3.linear.Array2DRowRealMatrix",
                "org.apache.commons.math3.linear.ArrayRealVector", "org.apache.commons.math3.linear.CholeskyDecomposition",
                "org.apache.commons.math3.linear.DecompositionSolver", "org.apache.commons.math3.linear.LUDecomposition",
                "org.apache.commons.math3.linear.QRDecomposition", "org.apache.commons.math3.linear.RealMatrix",
                "org.apache.commons.math3.linear.RealVector")) {
            b.append("import ").append(imp).append(";\n");
        }
        b.append("\npublic class Pipeline {\n");
        b.append("    // ---- the analysis, as specified ----\n");
        JavaSource.constant(b, "String", "METHOD", JavaSource.literal(rdd ? RddPipelineSection.methodId(spec) : spec.method().methodId()), "Cerebro's method id, printed in the result");
        if (panelDesign) {
            PanelPipelineSection.constants(b, spec);
        } else if (did) {
            JavaSource.constant(b, "String", "OUTCOME", JavaSource.literal(spec.outcome()), "numeric outcome");
            JavaSource.constant(b, "String", "GROUP", JavaSource.literal(panel.treatedGroup()), "0/1: the unit belongs to the treated group");
            JavaSource.constant(b, "String", "POST", JavaSource.literal(panel.post()), "0/1: the row is from the post period");
            String cluster = panel.cluster() != null ? panel.cluster() : panel.unit();
            JavaSource.constant(b, "String", "CLUSTER", JavaSource.literal(cluster), "cluster-robust errors by this column (default the unit); null for none");
            JavaSource.constant(b, "double", "ALPHA", Double.toString(spec.alpha()), "intervals have level 1 - ALPHA");
        } else if (iv) {
            List<String> controls = new java.util.ArrayList<>(spec.iv().controls());
            controls.addAll(spec.confounders().stream().filter(c -> !controls.contains(c)).toList());
            JavaSource.constant(b, "String", "OUTCOME", JavaSource.literal(spec.outcome()), "numeric outcome");
            JavaSource.constant(b, "String", "TREATMENT", JavaSource.literal(spec.treatment()), "endogenous regressor");
            JavaSource.constant(b, "List<String>", "INSTRUMENTS", list(spec.iv().instruments()), "excluded instruments");
            JavaSource.constant(b, "List<String>", "CONTROLS", list(controls), "exogenous controls (numeric)");
            JavaSource.constant(b, "String", "VCE", JavaSource.literal(spec.iv().vce()), "headline standard error: conventional or hc1");
            JavaSource.constant(b, "double", "ALPHA", Double.toString(spec.alpha()), "intervals have level 1 - ALPHA");
            JavaSource.constant(b, "boolean", "DROP_MISSING", String.valueOf(spec.dropMissing()), "skip rows with a missing value instead of failing");
        } else if (rdd) {
            RddPipelineSection.constants(b, spec);
        } else if (frontdoor) {
            JavaSource.constant(b, "String", "TREATMENT", JavaSource.literal(spec.treatment()), "0/1 (or true/false) treatment column");
            JavaSource.constant(b, "String", "OUTCOME", JavaSource.literal(spec.outcome()), "numeric outcome");
            JavaSource.constant(b, "String", "MEDIATOR", JavaSource.literal(mediator), "numeric mediator satisfying the front-door criterion");
            JavaSource.constant(b, "List<String>", "CONFOUNDERS", "List.of(MEDIATOR)", "columns read beside treatment and outcome: the mediator only");
            JavaSource.constant(b, "String", "ESTIMAND", JavaSource.literal("ate"), "front-door adjustment estimates the ATE");
            JavaSource.constant(b, "double", "ALPHA", Double.toString(spec.alpha()), "intervals have level 1 - ALPHA");
            JavaSource.constant(b, "boolean", "DROP_MISSING", String.valueOf(spec.dropMissing()), "skip rows with a missing value instead of failing");
        } else {
            JavaSource.constant(b, "String", "TREATMENT", JavaSource.literal(spec.treatment()), "0/1 (or true/false) treatment column");
            JavaSource.constant(b, "String", "OUTCOME", JavaSource.literal(spec.outcome()), "numeric outcome (0/1 outcomes are detected from the data)");
            JavaSource.constant(b, "List<String>", "CONFOUNDERS", list(adjustment), "adjustment set; text columns are one-hot encoded");
            JavaSource.constant(b, "String", "ESTIMAND", JavaSource.literal(spec.estimand().name().toLowerCase(Locale.ROOT)), "ate, att or atc");
            JavaSource.constant(b, "double", "ALPHA", Double.toString(spec.alpha()), "intervals have level 1 - ALPHA");
            JavaSource.constant(b, "boolean", "DROP_MISSING", String.valueOf(spec.dropMissing()), "skip rows with a missing value instead of failing");
        }
        if (spec.method() == CausalMethod.IPW || spec.method() == CausalMethod.AIPW) {
            JavaSource.constant(b, "Double", "CLIP", dbl(wo.clip()), "clip propensity scores to [CLIP, 1 - CLIP]; null for none");
            JavaSource.constant(b, "Double", "TRIM", dbl(wo.trim()), "drop units with propensity outside [TRIM, 1 - TRIM]; null for none");
        }
        if (spec.method() == CausalMethod.IPW) {
            JavaSource.constant(b, "boolean", "NORMALIZED", String.valueOf(wo.normalized()), "Hajek weights (true) or Horvitz-Thompson (false)");
        }
        if (mahalanobis) {
            JavaSource.constant(b, "boolean", "REPLACEMENT", String.valueOf(spec.matching().replacement()), "match with replacement (else greedy)");
        }
        if (spec.method() == CausalMethod.PSM || mahalanobis) {
            JavaSource.constant(b, "int", "K", String.valueOf(spec.matching().k()), greedy ? "matches per focal unit"
                    : "matches per focal unit (ties with the K-th are all kept)");
            JavaSource.constant(b, "Double", "CALIPER", dbl(spec.matching().caliper()), mahalanobis
                    ? "caliper in Mahalanobis distance (SD units of the whitened confounders); null for none"
                    : "caliper in SD of the propensity score; null for none");
        }
        if (spec.method() == CausalMethod.AIPW) {
            JavaSource.constant(b, "int", "FOLDS", String.valueOf(wo.folds()), "cross-fitting folds; below 2 means none");
            JavaSource.constant(b, "long", "SEED", spec.seed() + "L", "seed of the fold assignment");
        }
        b.append("""

                    public static void main(String[] args) throws IOException {
                        if (args.length < 1) {
                            System.err.println("usage: java Pipeline.java DATA.csv   (the CSV file to analyse)");
                            return;
                        }
                        %s;
                    }

                """.formatted(panelDesign ? PanelPipelineSection.mainCall(spec) : ownReader ? "analyse(Path.of(args[0]))" : "analyse(read(Path.of(args[0])))"));
        b.append(template("common"));
        if (!ownReader) {
            b.append(template("observational"));
        }
        if (greedy || mahalanobis) {
            b.append(template("greedy"));
        }
        if (panelDesign) {
            PanelPipelineSection.templates(spec).forEach(t -> b.append(template(t)));
        } else {
            b.append(template(name));
        }
        b.append("}\n");
        return b.toString();
    }

    private static String title(CausalSpec spec) {
        String what = switch (spec.method()) {
            case REGRESSION -> "Regression adjustment (OLS with HC1 errors, or g-computation for a 0/1 outcome)";
            case IPW -> "Inverse probability weighting with a logistic propensity score";
            case AIPW -> "Augmented inverse probability weighting (doubly robust)";
            case PSM -> spec.matching().replacement() ? "Propensity-score matching with replacement (Abadie-Imbens standard error)"
                    : "Greedy propensity-score matching without replacement (standard error clustered on matched sets)";
            case MAHALANOBIS -> "Nearest-neighbour matching on the Mahalanobis distance " + (spec.matching().replacement()
                    ? "with replacement (Abadie-Imbens standard error)" : "without replacement (standard error clustered on matched sets)");
            case FRONTDOOR -> "Linear front-door adjustment (HC1 errors, delta-method standard error)";
            case IV -> "Two-stage least squares: effect of '" + spec.treatment() + "' on '" + spec.outcome() + "' instrumented by "
                    + String.join(", ", spec.iv().instruments()) + " (conventional and HC1 errors, Anderson-Rubin set)";
            case DID -> "2x2 difference-in-differences of '" + spec.outcome() + "' (HC1 and cluster-robust errors)";
            case RDD -> RddPipelineSection.title(spec);
            default -> spec.method().methodId();
        };
        return spec.method() == CausalMethod.DID || spec.method() == CausalMethod.IV || spec.method() == CausalMethod.RDD ? what
                : what + ": effect of '" + spec.treatment() + "' on '" + spec.outcome() + "' (" + spec.estimand() + ")";
    }



    private static String list(List<String> values) {
        return "List.of(" + String.join(", ", values.stream().map(JavaSource::literal).toList()) + ")";
    }

    private static String dbl(Double v) {
        return v == null ? "null" : Double.toString(v);
    }


    static String template(String name) {
        try (InputStream in = CausalPipelineWriter.class.getResourceAsStream("templates/" + name + ".java.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing pipeline template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
