package io.cerebro.agents.causal;

import io.cerebro.agents.generate.JavaSource;
import io.cerebro.core.causal.quasi.did.Panel;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SynthDesign;

import java.util.List;
import java.util.Locale;

/**
 * The synthetic-control part of the offline generator: the title, header comment and constants of
 * the {@code causal.synth} program, whose body is {@code templates/synth.java.txt}. The template
 * fits donor weights on the outcome alone or on predictors with an equal V-matrix; a data-driven V
 * and the augmented (ridge) estimator have no offline template and are refused with one line.
 */
final class SynthPipelineSection {
    private SynthPipelineSection() {
    }

    /**
     * Checks that the spec is a synthetic-control design the template covers.
     *
     * @throws UserInputException naming what is missing or not covered and the way forward
     */
    static void checkSupported(CausalSpec spec) {
        SynthDesign sd = spec.synth();
        if (sd == null || sd.unit() == null || sd.time() == null || sd.treatedUnit() == null || sd.treatmentStart() == null) {
            throw new UserInputException("method synth needs --unit, --time, --treated-unit and --treatment-start");
        }
        if (sd.augmented()) {
            throw new UserInputException("no offline template for the augmented (ridge) causal.synth yet; drop augmented,"
                    + " configure an LLM (docs/agents.md) or use the engine directly ('cerebro causal' without --generate)");
        }
        if (vMatrix(sd).equals("data")) {
            throw new UserInputException("no offline template for causal.synth with a data-driven V-matrix yet; set"
                    + " v_matrix: equal, configure an LLM (docs/agents.md) or use the engine directly ('cerebro causal' without --generate)");
        }
        if (!List.of("none", "equal").contains(vMatrix(sd))) {
            throw new UserInputException("synth.v_matrix must be equal or data, got '" + sd.vMatrix() + "'");
        }
    }

    /** none (outcome-only weights), equal or data, as the engine reads the design. */
    static String vMatrix(SynthDesign sd) {
        if (sd.predictors().isEmpty() && sd.outcomeLags().isEmpty()) {
            return "none";
        }
        return sd.vMatrix() == null ? "data" : sd.vMatrix().toLowerCase(Locale.ROOT);
    }

    /** @return the Java source of class {@code Pipeline} for a synthetic-control spec */
    static String write(CausalSpec spec) {
        checkSupported(spec);
        SynthDesign sd = spec.synth();
        String v = vMatrix(sd);
        StringBuilder b = new StringBuilder();
        JavaSource.header(b, title(spec), spec);
        b.append(" * Design: synthetic control; without the treatment the treated unit would have followed the weighted\n")
                .append(" *         donors, and no donor was affected by the treatment.\n");
        JavaSource.usage(b, "a long panel CSV with a header: one row per unit and period.", spec);
        for (String imp : List.of("com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.databind.node.ObjectNode",
                "java.io.IOException", "java.io.Reader", "java.nio.file.Files", "java.nio.file.Path", "java.util.ArrayList",
                "java.util.LinkedHashMap", "java.util.List", "java.util.Map", "java.util.TreeSet",
                "java.util.stream.DoubleStream", "java.util.stream.IntStream",
                "org.apache.commons.csv.CSVFormat", "org.apache.commons.csv.CSVParser", "org.apache.commons.csv.CSVRecord",
                "org.apache.commons.math3.distribution.NormalDistribution", "org.apache.commons.math3.distribution.TDistribution",
                "org.apache.commons.math3.linear.Array2DRowRealMatrix", "org.apache.commons.math3.linear.ArrayRealVector",
                "org.apache.commons.math3.linear.DecompositionSolver", "org.apache.commons.math3.linear.LUDecomposition",
                "org.apache.commons.math3.linear.QRDecomposition", "org.apache.commons.math3.linear.RealMatrix",
                "org.apache.commons.math3.linear.RealVector")) {
            b.append("import ").append(imp).append(";\n");
        }
        b.append("\npublic class Pipeline {\n");
        b.append("    // ---- the analysis, as specified ----\n");
        JavaSource.constant(b, "String", "METHOD", JavaSource.literal(spec.method().methodId()), "Cerebro's method id, printed in the result");
        JavaSource.constant(b, "String", "OUTCOME", JavaSource.literal(spec.outcome()), "numeric outcome");
        JavaSource.constant(b, "String", "UNIT", JavaSource.literal(sd.unit()), "unit label column");
        JavaSource.constant(b, "String", "TIME", JavaSource.literal(sd.time()), "numeric period column");
        JavaSource.constant(b, "String", "TREATED_UNIT", JavaSource.literal(sd.treatedUnit()), "the one treated unit");
        JavaSource.constant(b, "double", "TREATMENT_START", Double.toString(sd.treatmentStart()), "first treated period");
        JavaSource.constant(b, "List<String>", "DONORS", sd.donors() == null || sd.donors().isEmpty() ? "null" : strings(sd.donors()),
                "donor pool; null for every other unit");
        JavaSource.constant(b, "String", "V_MATRIX", JavaSource.literal(v), "none: weights fit the pre-period outcomes; equal: the predictors, equally weighted");
        JavaSource.constant(b, "List<String>", "PREDICTORS", v.equals("none") ? "List.of()" : strings(sd.predictors()),
                "columns averaged over the pre-period (missing values skipped)");
        JavaSource.constant(b, "List<Double>", "OUTCOME_LAGS", v.equals("none") ? "List.of()" : "List.of("
                + String.join(", ", sd.outcomeLags().stream().map(d -> Double.toString(d)).toList()) + ")",
                "pre-period times whose outcome is a predictor");
        JavaSource.constant(b, "Double", "PREDICTOR_FROM", sd.predictorFrom() == null ? "null" : Double.toString(sd.predictorFrom()),
                "first period of the predictor averages; null for the first period");
        JavaSource.constant(b, "double", "ALPHA", Double.toString(spec.alpha()), "the placebo p-value is called significant at or below ALPHA");
        b.append("""

                    public static void main(String[] args) throws IOException {
                        if (args.length < 1) {
                            System.err.println("usage: java Pipeline.java DATA.csv   (the CSV file to analyse)");
                            return;
                        }
                        analyse(Path.of(args[0]));
                    }

                """);
        b.append(CausalPipelineWriter.template("common"));
        b.append(CausalPipelineWriter.template("synth"));
        b.append("}\n");
        return b.toString();
    }

    static String title(CausalSpec spec) {
        SynthDesign sd = spec.synth();
        return "Synthetic control for " + sd.treatedUnit() + ": effect on '" + spec.outcome() + "' from "
                + Panel.fmt(sd.treatmentStart()) + " (" + (vMatrix(sd).equals("none") ? "weights fitted on the pre-period outcomes"
                : "weights fitted on the predictors with an equal V-matrix") + ", placebo-in-space RMSPE-ratio p-value)";
    }

    private static String strings(List<String> values) {
        return "List.of(" + String.join(", ", values.stream().map(JavaSource::literal).toList()) + ")";
    }
}
