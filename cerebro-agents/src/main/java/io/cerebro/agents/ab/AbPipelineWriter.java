package io.cerebro.agents.ab;

import io.cerebro.core.ab.AbMethod;

import io.cerebro.agents.generate.JavaSource;
import io.cerebro.core.spec.ABTestSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the standalone Java program for an {@link AbPipelinePlan}: one template per test (in
 * {@code templates/*.java.txt} beside this class) plus the shared reading, summary and JSON code,
 * with the spec's columns and options bound in as constants at the top of the class.
 */
public final class AbPipelineWriter {
    private AbPipelineWriter() {
    }

    /** @return the Java source of class {@code Pipeline} for the plan. */
    public static String write(AbPipelinePlan plan) {
        ABTestSpec s = plan.spec();
        Set<String> imports = new TreeSet<>(List.of(
                "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.databind.node.ArrayNode",
                "com.fasterxml.jackson.databind.node.ObjectNode", "java.io.IOException", "java.io.Reader",
                "java.nio.file.Files", "java.nio.file.Path", "java.util.ArrayList", "java.util.List", "java.util.Map",
                "java.util.TreeMap", "java.util.function.DoubleUnaryOperator", "java.util.stream.DoubleStream",
                "java.util.stream.LongStream", "org.apache.commons.csv.CSVFormat", "org.apache.commons.csv.CSVParser",
                "org.apache.commons.csv.CSVRecord", "org.apache.commons.math3.distribution.ChiSquaredDistribution",
                "org.apache.commons.math3.distribution.NormalDistribution",
                "org.apache.commons.math3.distribution.TDistribution", "org.apache.commons.math3.stat.StatUtils"));
        List<String> templates = new ArrayList<>();
        String call;
        switch (AbMethod.of(plan.method())) {
            case WELCH -> { templates.add("welch"); call = "welch(control, arm)"; }
            case STUDENT -> { templates.add("student"); call = "student(control, arm)"; }
            case MANN_WHITNEY -> {
                templates.add("mann_whitney");
                call = "mannWhitney(control, arm)";
                imports.addAll(List.of("java.util.Arrays", "org.apache.commons.math3.stat.ranking.NaNStrategy",
                        "org.apache.commons.math3.stat.ranking.NaturalRanking", "org.apache.commons.math3.stat.ranking.TiesStrategy"));
            }
            case Z_PROPORTIONS -> { templates.add("z_proportions"); call = "zProportions(control, arm)"; }
            case CHI_SQUARE -> { templates.add("chi_square"); call = "chiSquare(control, arm)"; }
            case FISHER -> {
                templates.add("fisher");
                call = "fisher(control, arm)";
                imports.add("org.apache.commons.math3.special.Gamma");
            }
            case BAYESIAN_BETA_BINOMIAL -> {
                templates.add("bayesian_beta_binomial");
                call = "bayesBetaBinomial(control, arm, treatments.indexOf(arm) + 1)";
                imports.addAll(List.of("org.apache.commons.math3.distribution.BetaDistribution",
                        "org.apache.commons.math3.random.Well19937c", "org.apache.commons.math3.stat.descriptive.rank.Percentile"));
            }
            case BAYESIAN_NORMAL -> {
                templates.add("bayesian_normal");
                call = "bayesNormal(control, arm)";
                imports.addAll(List.of("org.apache.commons.math3.random.Well19937c", "java.util.TreeSet",
                        "org.apache.commons.math3.analysis.UnivariateFunction", "org.apache.commons.math3.analysis.solvers.BrentSolver",
                        "org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory"));
            }
            case MSPRT -> { templates.add("msprt"); call = "msprt(control, arm)"; }
            case GROUP_SEQUENTIAL -> { templates.add("group_sequential"); call = "groupSequential(control, arm)"; }
            default -> throw new IllegalArgumentException("no offline template for " + plan.method());
        }
        if (plan.probabilityBest()) {
            templates.add("prob_best");
        }
        if (plan.cuped()) {
            if (!templates.contains("welch")) {
                templates.add("welch");
            }
            templates.add("cuped");
            imports.add("org.apache.commons.math3.stat.correlation.Covariance");
        }
        if (plan.stratified()) {
            templates.add("post_stratification");
            imports.addAll(List.of("java.util.Set", "java.util.TreeSet"));
        }
        boolean pValues = !plan.method().startsWith(AbMethod.BAYESIAN_PREFIX);
        if (plan.arms() >= 3 && pValues || plan.arms() >= 3 && (plan.cuped() || plan.stratified())) {
            templates.add("adjust");
            imports.add("java.util.Arrays");
        }
        if (plan.method().equals(AbMethod.MANN_WHITNEY.id()) && plan.arms() >= 3) {
            templates.add("kruskal_wallis");
        }
        if (plan.anova()) {
            templates.add("anova");
            imports.add("org.apache.commons.math3.stat.inference.OneWayAnova");
        }

        StringBuilder b = new StringBuilder();
        JavaSource.header(b, title(plan), s);
        JavaSource.usage(b, "a CSV file with a header holding the columns named below.", s);
        for (String imp : imports) {
            b.append("import ").append(imp).append(";\n");
        }
        b.append("\npublic class Pipeline {\n");
        b.append("    // ---- the analysis, as specified ----\n");
        JavaSource.constant(b, "String", "TREATMENT", JavaSource.literal(s.treatment()), "column naming each row's arm");
        JavaSource.constant(b, "String", "OUTCOME", JavaSource.literal(s.outcome()), plan.binary() ? "0/1 (or true/false) outcome" : "numeric outcome");
        JavaSource.constant(b, "String", "CONTROL", JavaSource.literal(s.control()), "control arm; null means the first arm in sort order");
        JavaSource.constant(b, "String", "COVARIATE", JavaSource.literal(s.covariate()), "pre-period covariate for CUPED; null when none");
        JavaSource.constant(b, "String", "STRATA", JavaSource.literal(s.strata()), "stratification column; null when none");
        JavaSource.constant(b, "boolean", "BINARY", String.valueOf(plan.binary()), "treat the outcome as 0/1");
        JavaSource.constant(b, "double", "ALPHA", num(s.alpha()), "significance level; intervals have level 1 - ALPHA");
        JavaSource.constant(b, "String", "ALTERNATIVE", JavaSource.literal(s.alternative().name().toLowerCase(Locale.ROOT)),
                "two_sided, greater or less, about arm minus control");
        JavaSource.constant(b, "boolean", "DROP_MISSING", String.valueOf(s.dropMissing()), "skip rows with a missing value instead of failing");
        JavaSource.constant(b, "String", "CORRECTION", JavaSource.literal(s.correction().name().toLowerCase(Locale.ROOT)),
                "p-value adjustment with three or more arms: holm, bh, bonferroni or none");
        JavaSource.constant(b, "double[]", "ALLOCATION", s.allocation() == null ? "null"
                : "{" + String.join(", ", s.allocation().stream().map(AbPipelineWriter::num).toList()) + "}",
                "planned shares per arm in label order; null means equal");
        if (plan.method().startsWith(AbMethod.BAYESIAN_PREFIX) || plan.probabilityBest()) {
            JavaSource.constant(b, "double", "PRIOR_ALPHA", num(s.priorAlpha()), "Beta prior alpha (Beta-Binomial model)");
            JavaSource.constant(b, "double", "PRIOR_BETA", num(s.priorBeta()), "Beta prior beta (Beta-Binomial model)");
            JavaSource.constant(b, "long", "SEED", s.seed() + "L", "random seed of the posterior draws");
            JavaSource.constant(b, "int", "DRAWS", "200_000", "posterior draws for simulated quantities");
        }
        if (plan.method().equals(AbMethod.MSPRT.id())) {
            JavaSource.constant(b, "Double", "TAU", s.msprtTau() == null ? "null" : num(s.msprtTau()),
                    "mSPRT mixing standard deviation; null means 0.1 x the pooled outcome sd");
        }
        if (plan.method().equals(AbMethod.GROUP_SEQUENTIAL.id())) {
            JavaSource.constant(b, "int", "LOOKS", String.valueOf(s.looks()), "planned, equally spaced looks");
            JavaSource.constant(b, "int", "LOOK", String.valueOf(s.look() != null ? s.look() : s.looks()), "the current look (1-based)");
            JavaSource.constant(b, "String", "SPENDING", JavaSource.literal(s.spending().name().toLowerCase(Locale.ROOT)),
                    "alpha spending: obrien_fleming or pocock (Lan-DeMets)");
        }
        b.append('\n');
        b.append(main(plan, call));
        b.append('\n');
        b.append(template("common"));
        for (String t : templates) {
            b.append(template(t));
        }
        b.append("}\n");
        return b.toString();
    }

    private static String main(AbPipelinePlan plan, String call) {
        StringBuilder m = new StringBuilder();
        m.append("""
                    public static void main(String[] args) throws IOException {
                        if (args.length < 1) {
                            System.err.println("usage: java Pipeline.java DATA.csv   (the CSV file to analyse)");
                            return;
                        }
                        Map<String, Arm> arms = readArms(Path.of(args[0]));
                        if (arms.size() < 2) {
                            throw new IllegalArgumentException("column '" + TREATMENT + "' has " + arms.size() + " arm(s); a test needs two");
                        }
                        String controlName = CONTROL != null ? CONTROL : arms.keySet().iterator().next();
                        Arm control = arms.get(controlName);
                        if (control == null) {
                            throw new IllegalArgumentException("control arm '" + controlName + "' has no rows; arms are " + arms.keySet());
                        }
                        List<Arm> treatments = arms.values().stream().filter(a -> a != control).toList();
                        List<Arm> all = new ArrayList<>(List.of(control));
                        all.addAll(treatments);

                        // the chosen test, every arm against control
                        List<ObjectNode> headline = new ArrayList<>();
                        for (Arm arm : treatments) {
                            headline.add(%s);
                        }
                """.formatted(call));
        boolean pValues = !plan.method().startsWith(AbMethod.BAYESIAN_PREFIX);
        if (pValues && plan.arms() >= 3) {
            m.append("""
                            if (treatments.size() >= 2) {
                                adjust(headline);
                            }
                    """);
        }
        m.append("""
                        List<ObjectNode> estimates = new ArrayList<>(headline);
                """);
        if (plan.probabilityBest()) {
            m.append("""
                            double[] best = probabilityBest(all);
                            for (int i = 0; i < headline.size(); i++) {
                                extra(headline.get(i)).put("prob_best", best[i + 1]);
                            }
                    """);
        }
        if (plan.cuped()) {
            m.append("""

                            // CUPED: the same comparison with the pre-period covariate's variance removed
                            double[] cuped = cupedTheta(all);
                            List<ObjectNode> adjusted = new ArrayList<>();
                            for (Arm arm : treatments) {
                                adjusted.add(cuped(control, arm, cuped[0], cuped[1]));
                            }
                    """);
            if (plan.arms() >= 3) {
                m.append("""
                                if (treatments.size() >= 2) {
                                    adjust(adjusted);
                                }
                        """);
            }
            m.append("        estimates.addAll(adjusted);\n");
        }
        if (plan.stratified()) {
            m.append("""

                            // post-stratification on STRATA
                            List<ObjectNode> stratified = new ArrayList<>();
                            for (Arm arm : treatments) {
                                stratified.add(postStratified(control, arm));
                            }
                    """);
            if (plan.arms() >= 3) {
                m.append("""
                                if (treatments.size() >= 2) {
                                    adjust(stratified);
                                }
                        """);
            }
            m.append("        estimates.addAll(stratified);\n");
        }
        if (plan.method().equals(AbMethod.MANN_WHITNEY.id()) && plan.arms() >= 3) {
            m.append("""
                            if (all.size() >= 3) {
                                estimates.add(kruskalWallis(all));
                            }
                    """);
        }
        if (plan.anova()) {
            m.append("""
                            if (all.size() >= 3) {
                                estimates.add(anova(all));
                            }
                    """);
        }
        m.append("""

                        ObjectNode result = JSON.createObjectNode();
                        ObjectNode first = headline.get(0);
                        result.put("schema", "cerebro.result/1");
                        result.put("family", "ab");
                        result.put("method", first.get("method").asText());
                        result.put("estimand", first.get("estimand").asText());
                        for (String field : List.of("estimate", "standardError", "interval", "posteriorProbability")) {
                            if (first.has(field)) {
                                result.set(field, first.get(field));
                            }
                        }
                        if (first.has("pValue")) {
                            result.set("pValue", first.has("adjustedPValue") ? first.get("adjustedPValue") : first.get("pValue"));
                        }
                        ObjectNode sizes = result.putObject("sampleSizes");
                        ArrayNode armNodes = result.putArray("arms");
                        for (Arm a : all) {
                            sizes.put(a.name, a.n());
                            armNodes.add(armSummary(a));
                        }
                        sizes.put("total", all.stream().mapToLong(Arm::n).sum());
                        ArrayNode list = result.putArray("estimates");
                        estimates.forEach(list::add);
                        ObjectNode srm = srm(new ArrayList<>(arms.values()));
                        result.putArray("diagnostics").add(srm);
                        result.putObject("details").set("srm", srm.get("values"));
                        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
                    }
                """);
        return m.toString();
    }

    private static String title(AbPipelinePlan plan) {
        ABTestSpec s = plan.spec();
        String test = AbMethod.of(plan.method()).label();
        StringBuilder t = new StringBuilder(test + " of '" + s.outcome() + "' by '" + s.treatment() + "'");
        if (plan.cuped()) {
            t.append(", with CUPED on '").append(s.covariate()).append("'");
        }
        if (plan.stratified()) {
            t.append(", post-stratified by '").append(s.strata()).append("'");
        }
        return JavaSource.commentSafe(t.toString());
    }




    static String num(double v) {
        return Double.toString(v);
    }

    private static String template(String name) {
        try (InputStream in = AbPipelineWriter.class.getResourceAsStream("templates/" + name + ".java.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing pipeline template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
