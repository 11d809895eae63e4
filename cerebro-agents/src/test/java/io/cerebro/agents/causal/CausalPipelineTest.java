package io.cerebro.agents.causal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.agents.Cerebro;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.validate.InMemoryCompiler;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.agents.validate.SandboxRunner;
import io.cerebro.agents.validate.ValidationReport;
import io.cerebro.agents.validate.Verdict;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecReader;
import io.cerebro.core.testing.SharedFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline causal pipelines, checked two ways on the LaLonde files:
 * <ul>
 *   <li>the program's own printed numbers against R (lm + sandwich HC1, glm, and the stacked
 *       M-estimation sandwiches of {@code causal_extra_oracles.json}): rel 1e-6 for estimates and
 *       closed-form SEs, rel 1e-5 for SEs R obtained with numDeriv's numerical Jacobian;</li>
 *   <li>the whole agent flow (parse, policy, compile, sandboxed run, comparison with the engine on
 *       the data and on synthetic data with a planted effect) ends in {@link Verdict#PASSED}.</li>
 * </ul>
 */
class CausalPipelineTest {
    static final String COVS = "[age, educ, black, hispan, married, nodegree, re74, re75]";
    static JsonNode lalonde;
    static JsonNode extra;
    static Path observational;
    static Path experimental;
    static Path employed;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper m = new ObjectMapper();
        lalonde = m.readTree(resource("causal_lalonde_oracles.json").toFile());
        extra = m.readTree(resource("causal_extra_oracles.json").toFile());
        observational = resource("lalonde_nsw_psid_observational.csv");
        experimental = resource("lalonde_nsw_experimental.csv");
        // I(re78 > 0) as a 0/1 outcome, for g-computation (the oracle's glm(I(re78 > 0) ~ treat + covs))
        List<String> lines = Files.readAllLines(observational);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0) + ",\"employed78\"");
        for (String l : lines.subList(1, lines.size())) {
            double re78 = Double.parseDouble(l.substring(l.lastIndexOf(',') + 1));
            out.add(l + "," + (re78 > 0 ? 1 : 0));
        }
        employed = Files.createTempFile("lalonde-employed-", ".csv");
        Files.write(employed, out);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Files.deleteIfExists(employed);
    }

    /**
     * A causal test file: this module's template oracles under src/test/resources/causal, or one of
     * cerebro-core's shared files (its LaLonde files share the folder name causal/; the
     * quasi-experimental datasets and oracles are under {@link SharedFixtures#QUASI}).
     */
    static Path resource(String name) {
        String inCausal = SharedFixtures.CAUSAL + name;
        return SharedFixtures.path(SharedFixtures.exists(inCausal) ? inCausal : SharedFixtures.QUASI + name);
    }

    static CausalSpec spec(String yaml) {
        return (CausalSpec) SpecReader.parse("family: causal\ntreatment: treat\n" + yaml, false, "test");
    }

    /** Compiles and runs the offline program on a file; returns its printed headline estimate. */
    static JsonNode run(CausalSpec spec, Path data) throws IOException {
        String code = CausalPipelineWriter.write(spec);
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", code);
        assertTrue(c.ok(), () -> "does not compile: " + c.errors() + "\n" + code);
        Path scratch = Files.createTempDirectory("cerebro-causal-template-");
        SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Pipeline", List.of(data.toString()), scratch, SandboxLimits.DEFAULT);
        assertEquals(0, r.exitCode(), r::stderr);
        JsonNode result = new ObjectMapper().readTree(r.stdout());
        assertEquals(spec.method().methodId(), result.path("method").asText());
        return result.path("estimates").get(0);
    }

    static void close(double expected, double actual, double rel, String what) {
        assertTrue(Math.abs(actual - expected) <= rel * Math.abs(expected),
                () -> what + ": printed " + actual + ", R " + expected + " (rel " + rel + ")");
    }

    static GeneratedPipeline generate(CausalSpec spec, Path file) {
        try (Dataset d = Dataset.read(file)) {
            return Cerebro.builder().build().generate(spec, d);
        }
    }

    static void assertValidated(CausalSpec spec, Path file) {
        GeneratedPipeline p = generate(spec, file);
        assertEquals(Verdict.PASSED, p.validation().verdict(), () -> p.validation().describe() + "\n" + p.code());
        assertEquals("offline", p.generator());
        assertEquals(spec.method().methodId(), p.method());
        assertEquals(1, p.attempts().size());
    }

    // ------------------------------------------------------------ the programs against R

    @Test
    void regressionMatchesLmWithHc1() throws IOException {
        JsonNode e = run(spec("outcome: re78\nmethod: regression\nconfounders: [age, educ, black, hisp, married, nodegr, re74, re75]\n"),
                experimental);
        close(lalonde.at("/experimental/ols_hc1/coef").asDouble(), e.path("estimate").asDouble(), 1e-6, "OLS coefficient");
        close(lalonde.at("/experimental/ols_hc1/se").asDouble(), e.path("standardError").asDouble(), 1e-6, "HC1 SE");
        JsonNode o = run(spec("outcome: re78\nmethod: regression\nconfounders: " + COVS + "\n"), observational);
        close(lalonde.at("/observational_psid/ols_hc1/coef").asDouble(), o.path("estimate").asDouble(), 1e-6, "OLS coefficient");
        close(lalonde.at("/observational_psid/ols_hc1/se").asDouble(), o.path("standardError").asDouble(), 1e-6, "HC1 SE");
    }

    @ParameterizedTest(name = "g-computation {0}")
    @CsvSource({"ate", "att"})
    void gComputationMatchesTheStackedSandwich(String estimand) throws IOException {
        JsonNode e = run(spec("outcome: employed78\nmethod: regression\nestimand: " + estimand + "\nconfounders: " + COVS + "\n"),
                employed);
        close(extra.at("/gcomp_sandwich/" + estimand + "/estimate").asDouble(), e.path("estimate").asDouble(), 1e-6, "risk difference");
        close(extra.at("/gcomp_sandwich/" + estimand + "/se").asDouble(), e.path("standardError").asDouble(), 1e-5, "sandwich SE");
    }

    @ParameterizedTest(name = "ipw {0} {1}")
    @CsvSource({"hajek,ate", "hajek,att", "hajek,atc", "ht,ate", "ht,att", "ht,atc"})
    void ipwMatchesTheStackedSandwich(String weights, String estimand) throws IOException {
        JsonNode e = run(spec("outcome: re78\nmethod: ipw\nestimand: " + estimand + "\nconfounders: " + COVS
                + "\nweighting: {normalized: " + weights.equals("hajek") + "}\n"), observational);
        JsonNode r = extra.at("/ipw_sandwich/" + weights + "_" + estimand);
        close(r.path("estimate").asDouble(), e.path("estimate").asDouble(), 1e-6, "IPW estimate");
        close(r.path("se").asDouble(), e.path("standardError").asDouble(), 1e-5, "IPW sandwich SE");
    }

    @Test
    void ipwTrimmingAndClippingMatchR() throws IOException {
        close(extra.at("/ipw_ate_hajek_trim005/estimate").asDouble(),
                run(spec("outcome: re78\nmethod: ipw\nconfounders: " + COVS + "\nweighting: {trim: 0.05}\n"), observational)
                        .path("estimate").asDouble(), 1e-6, "trimmed Hajek ATE");
        close(extra.at("/ipw_ate_hajek_clip005/estimate").asDouble(),
                run(spec("outcome: re78\nmethod: ipw\nconfounders: " + COVS + "\nweighting: {clip: 0.05}\n"), observational)
                        .path("estimate").asDouble(), 1e-6, "clipped Hajek ATE");
    }

    @ParameterizedTest(name = "aipw {0}")
    @CsvSource({"ate,aipw_ate,", "att,aipw_att,", "atc,aipw_atc,", "ate,aipw_ate_trim005,0.05"})
    void aipwMatchesR(String estimand, String key, String trim) throws IOException {
        JsonNode e = run(spec("outcome: re78\nmethod: aipw\nestimand: " + estimand + "\nconfounders: " + COVS + "\n"
                + (trim != null ? "weighting: {trim: " + trim + "}\n" : "")), observational);
        close(extra.at("/" + key + "/estimate").asDouble(), e.path("estimate").asDouble(), 1e-6, "AIPW estimate");
        close(extra.at("/" + key + "/se").asDouble(), e.path("standardError").asDouble(), 1e-6, "AIPW influence-function SE");
    }

    @ParameterizedTest(name = "psm {0}")
    @CsvSource({"att, 1, , /observational_psid/psm_att_replace/estimate/0/0, /observational_psid/psm_att_replace/se_abadie_imbens",
            "att, 1, 0.2, /observational_psid/psm_att_replace_caliper02/estimate/0/0, /observational_psid/psm_att_replace_caliper02/se_abadie_imbens",
            "ate, 1, , x/psm_ate_replace/estimate, x/psm_ate_replace/se_abadie_imbens",
            "atc, 1, , x/psm_atc_replace/estimate, x/psm_atc_replace/se_abadie_imbens",
            "att, 2, , x/psm_att_replace_m2/estimate, x/psm_att_replace_m2/se_abadie_imbens"})
    void psmMatchesMatchingMatch(String estimand, int k, String caliper, String estimatePath, String sePath) throws IOException {
        JsonNode e = run(spec("outcome: re78\nmethod: psm\nestimand: " + estimand + "\nconfounders: " + COVS
                + "\nmatching: {k: " + k + (caliper != null ? ", caliper: " + caliper : "") + "}\n"), observational);
        close(oracle(estimatePath), e.path("estimate").asDouble(), 1e-6, "matching estimate");
        close(oracle(sePath), e.path("standardError").asDouble(), 1e-6, "Abadie-Imbens SE");
    }

    @ParameterizedTest(name = "greedy psm {0}")
    @CsvSource({"1, , greedy_att_noreplace", "2, , greedy_att_noreplace_ratio2", "1, 0.05, greedy_att_noreplace_caliper005"})
    void greedyPsmMatchesPlainRGreedyWithVcovCL(int k, String caliper, String key) throws IOException {
        JsonNode e = run(spec("outcome: re78\nmethod: psm\nestimand: att\nconfounders: " + COVS + "\nmatching: {replacement: false, k: "
                + k + (caliper != null ? ", caliper: " + caliper : "") + "}\n"), observational);
        close(extra.at("/" + key + "/estimate").asDouble(), e.path("estimate").asDouble(), 1e-6, "greedy matching estimate");
        close(extra.at("/" + key + "/se_cluster").asDouble(), e.path("standardError").asDouble(), 1e-6, "set-clustered SE");
    }

    @ParameterizedTest(name = "mahalanobis {0}")
    @CsvSource({"att, true, /mahalanobis_att_replace/estimate, /mahalanobis_att_replace/se_abadie_imbens",
            "ate, true, /mahalanobis_ate_replace/estimate, /mahalanobis_ate_replace/se_abadie_imbens",
            "att, false, /mahalanobis_att_noreplace/estimate, /mahalanobis_att_noreplace/se_cluster"})
    void mahalanobisMatchesMatchAndPlainRGreedy(String estimand, boolean replacement, String estimatePath, String sePath)
            throws IOException {
        JsonNode e = run(spec("outcome: re78\nmethod: mahalanobis\nestimand: " + estimand + "\nconfounders: " + COVS
                + "\nmatching: {replacement: " + replacement + "}\n"), observational);
        close(extra.at(estimatePath).asDouble(), e.path("estimate").asDouble(), 1e-6, "Mahalanobis matching estimate");
        close(extra.at(sePath).asDouble(), e.path("standardError").asDouble(), 1e-6, replacement ? "Abadie-Imbens SE" : "set-clustered SE");
    }

    @Test
    void frontdoorMatchesLmWithHc1AndTheDeltaMethod() throws IOException {
        JsonNode e = run(spec("outcome: re78\nmethod: frontdoor\nmediator: re75\n"), observational);
        close(extra.at("/frontdoor_re75/estimate").asDouble(), e.path("estimate").asDouble(), 1e-6, "front-door a * b");
        close(extra.at("/frontdoor_re75/se").asDouble(), e.path("standardError").asDouble(), 1e-6, "delta-method SE");
    }

    static double oracle(String path) {
        return path.startsWith("x/") ? extra.at(path.substring(1)).asDouble() : lalonde.at(path).asDouble();
    }

    // ------------------------------------------------------------ the agent flow against the engine

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "regression, experimental | outcome: re78\\nmethod: regression\\nconfounders: [age, educ, black, hisp, married, nodegr, re74, re75]\\n | experimental",
            "regression, text confounder one-hot encoded | outcome: re78\\nmethod: regression\\nconfounders: [age, educ, race, married, re74]\\n | observational",
            "g-computation, 0/1 outcome, att | outcome: employed78\\nmethod: regression\\nestimand: att\\nconfounders: [age, educ, black, re74]\\n | employed",
            "ipw hajek ate | outcome: re78\\nmethod: ipw\\nconfounders: " + COVS + "\\n | observational",
            "ipw horvitz-thompson att, alpha 0.1 | outcome: re78\\nmethod: ipw\\nestimand: att\\nalpha: 0.1\\nconfounders: " + COVS + "\\nweighting: {normalized: false}\\n | observational",
            "ipw trimmed atc | outcome: re78\\nmethod: ipw\\nestimand: atc\\nconfounders: " + COVS + "\\nweighting: {trim: 0.05}\\n | observational",
            "ipw clipped | outcome: re78\\nmethod: ipw\\nconfounders: " + COVS + "\\nweighting: {clip: 0.05}\\n | observational",
            "aipw ate | outcome: re78\\nmethod: aipw\\nconfounders: " + COVS + "\\n | observational",
            "aipw att, trimmed | outcome: re78\\nmethod: aipw\\nestimand: att\\nconfounders: " + COVS + "\\nweighting: {trim: 0.05}\\n | observational",
            "aipw cross-fitted, 3 folds | outcome: re78\\nmethod: aipw\\nconfounders: " + COVS + "\\nweighting: {folds: 3}\\nseed: 7\\n | observational",
            "psm att | outcome: re78\\nmethod: psm\\nestimand: att\\nconfounders: " + COVS + "\\n | observational",
            "psm ate 1:2, caliper 0.2 | outcome: re78\\nmethod: psm\\nconfounders: " + COVS + "\\nmatching: {k: 2, caliper: 0.2}\\n | observational",
            "aipw 0/1 outcome | outcome: employed78\\nmethod: aipw\\nconfounders: [age, educ, black, re74]\\n | employed",
            "psm att without replacement | outcome: re78\\nmethod: psm\\nestimand: att\\nconfounders: " + COVS + "\\nmatching: {replacement: false}\\n | observational",
            "psm atc 1:2 without replacement, caliper 0.1 | outcome: re78\\nmethod: psm\\nestimand: atc\\nconfounders: " + COVS + "\\nmatching: {replacement: false, k: 2, caliper: 0.1}\\n | observational",
            "mahalanobis att | outcome: re78\\nmethod: mahalanobis\\nestimand: att\\nconfounders: " + COVS + "\\n | observational",
            "mahalanobis ate 1:2, caliper 0.5, text confounder | outcome: re78\\nmethod: mahalanobis\\nconfounders: [age, educ, race, married, re74]\\nmatching: {k: 2, caliper: 0.5}\\n | observational",
            "mahalanobis atc without replacement | outcome: re78\\nmethod: mahalanobis\\nestimand: atc\\nconfounders: " + COVS + "\\nmatching: {replacement: false}\\n | observational",
            "frontdoor, given mediator | outcome: re78\\nmethod: frontdoor\\nmediator: re75\\n | observational",
            "frontdoor, mediator from a graph, alpha 0.1 | outcome: re78\\nmethod: frontdoor\\nalpha: 0.1\\ngraph: \"treat -> re75 -> re78; treat <-> re78\"\\n | observational",
            "regression, adjustment set from a graph | outcome: re78\\nmethod: regression\\ngraph: \"age -> treat; educ -> treat; age -> re78; educ -> re78; treat -> re78\"\\n | observational"})
    void offlinePipelineValidatesAgainstTheEngine(String name, String yaml, String file) {
        Path data = switch (file.strip()) {
            case "experimental" -> experimental;
            case "employed" -> employed;
            default -> observational;
        };
        assertValidated(spec(yaml.replace("\\n", "\n")), data);
    }

    @Test
    void methodsWithoutATemplateEndInOneClearLine() {
        CausalSpec rdd = spec("outcome: re78\nmethod: rdd\nconfounders: [educ]\nrdd: {running: age, cutoff: 30}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> generate(rdd, observational));
        assertEquals("no offline template for covariate-adjusted causal.rdd yet (covariates educ); drop them, configure an LLM"
                + " (docs/agents.md) or use the engine directly ('cerebro causal' without --generate)", e.getMessage());
        CausalSpec greedyAte = spec("outcome: re78\nmethod: mahalanobis\nestimand: ate\nconfounders: " + COVS
                + "\nmatching: {replacement: false}\n");
        assertTrue(assertThrows(UserInputException.class, () -> CausalPipelineWriter.write(greedyAte)).getMessage()
                .startsWith("matching without replacement estimates the ATT or the ATC, not the ATE"));
    }

    // ------------------------------------------------------------ wrong and hostile programs

    static ValidationReport validate(String code, CausalSpec spec) {
        try (Dataset d = Dataset.read(observational)) {
            return Cerebro.builder().build().validate(code, spec, d);
        }
    }

    @Test
    void aProgramWithTheWrongStandardErrorIsRejected() {
        CausalSpec spec = spec("outcome: re78\nmethod: regression\nconfounders: " + COVS + "\n");
        // classical instead of HC1: same point estimate, wrong standard error
        String wrong = CausalPipelineWriter.write(spec).replace("scalarMultiply((double) n / (n - p))", "scalarMultiply(1.0)");
        ValidationReport r = validate(wrong, spec);
        assertEquals(Verdict.MISMATCH, r.verdict(), r::describe);
        assertTrue(r.describe().contains("standardError"), r::describe);
    }

    @Test
    void aProgramThatHardCodesTheFirstRunFailsOnSyntheticData() throws IOException {
        CausalSpec spec = spec("outcome: re78\nmethod: ipw\nconfounders: " + COVS + "\n");
        String json = new ObjectMapper().writeValueAsString(fullResult(spec));
        String cheat = "public class Pipeline {\n    public static void main(String[] args) {\n        System.out.println("
                + io.cerebro.agents.generate.JavaSource.literal(json) + ");\n    }\n}\n";
        ValidationReport r = validate(cheat, spec);
        assertEquals(Verdict.SYNTHETIC_MISMATCH, r.verdict(), r::describe);
    }

    @Test
    void aHostileCausalProgramIsStoppedByThePolicy() {
        CausalSpec spec = spec("outcome: re78\nmethod: regression\nconfounders: " + COVS + "\n");
        String hostile = CausalPipelineWriter.write(spec).replace("analyse(read(Path.of(args[0])));",
                "Files.writeString(Path.of(\"/tmp/owned.txt\"), System.getenv().toString());");
        ValidationReport r = validate(hostile, spec);
        assertEquals(Verdict.POLICY_VIOLATION, r.verdict(), r::describe);
        assertFalse(r.diagnostics().isEmpty());
    }

    /** The whole printed result of the offline program on the observational file. */
    static JsonNode fullResult(AnalysisSpec spec) throws IOException {
        String code = CausalPipelineWriter.write((CausalSpec) spec);
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", code);
        Path scratch = Files.createTempDirectory("cerebro-causal-template-");
        SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Pipeline", List.of(observational.toString()), scratch,
                SandboxLimits.DEFAULT);
        return new ObjectMapper().readTree(r.stdout());
    }
}
