package io.cerebro.agents.causal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.agents.Cerebro;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.validate.InMemoryCompiler;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.agents.validate.SandboxRunner;
import io.cerebro.agents.validate.Verdict;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline synthetic-control pipeline on Prop 99: its printed numbers against R's quadprog
 * (outcome-only and equal-V predictor weights, RMSPEs, average gap, every placebo's RMSPE ratio and the
 * rank p-value) and the
 * published/scipy Prop 99 numbers; the whole agent flow against the engine on the data and on a
 * synthetic panel; a planted effect recovered on synthetic data; the specs it refuses.
 */
class CausalSynthPipelineTest {
    static final String PROP99 = "smoking_prop99.csv";
    static final String EQUAL_V = ", predictors: [lnincome, retprice, age15to24, beer], outcome_lags: [1975, 1980, 1988],"
            + " v_matrix: equal";
    static final String INSIDE_HULL = ", predictors: [retprice], outcome_lags: [1980, 1988], v_matrix: equal";

    static CausalSpec spec(String extra) {
        return (CausalSpec) SpecReader.parse("family: causal\nmethod: synth\noutcome: cigsale\n"
                + "synth: {unit: state, time: year, treated_unit: California, treatment_start: 1989" + extra + "}\n", false, "test");
    }

    static JsonNode run(CausalSpec spec, Path data) throws IOException {
        String code = CausalPipelineWriter.write(spec);
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", code);
        assertTrue(c.ok(), () -> c.errors() + "\n" + code);
        SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Pipeline", List.of(data.toString()),
                Files.createTempDirectory("cerebro-synth-"), SandboxLimits.DEFAULT);
        assertEquals(0, r.exitCode(), r::stderr);
        return new ObjectMapper().readTree(r.stdout());
    }

    static JsonNode oracle(String key) throws IOException {
        return new ObjectMapper().readTree(CausalPipelineTest.resource("synth_template_oracles.json").toFile()).path(key);
    }

    /**
     * Weights to {@code tol} absolute, RMSPEs and gaps to rel {@code tol}, each placebo's RMSPE ratio to
     * rel {@code placeboTol}, the rank p-value exactly. A placebo unit inside the other donors' hull
     * has many exact fits; its ridge-selected weights are as ill-conditioned as described at
     * {@link #insideTheHullTheLeastNormExactFitMatchesQuadprog}, hence the separate tolerance.
     */
    static void matches(JsonNode o, JsonNode out, double tol, double placeboTol) {
        JsonNode w = out.path("details").path("weights");
        double sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = w.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertTrue(e.getValue().asDouble() >= 0, e.getKey());
            sum += e.getValue().asDouble();
        }
        assertEquals(1.0, sum, 1e-6, "printed weights (those above 1e-6) sum to one");
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("weights").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asDouble(), w.path(e.getKey()).asDouble(0), tol, "weight of " + e.getKey());
        }
        assertEquals(o.path("weights").size(), w.size(), () -> "donors with weight: " + w);
        JsonNode e = out.path("estimates").get(0);
        assertEquals("California", e.path("label").asText());
        assertEquals("causal.synth", e.path("method").asText());
        CausalPipelineTest.close(o.path("att_1989_2000").asDouble(), e.path("estimate").asDouble(), tol, "average gap 1989-2000");
        CausalPipelineTest.close(o.path("pre_rmspe").asDouble(), e.path("extra").path("pre_rmspe").asDouble(), tol, "pre-RMSPE");
        CausalPipelineTest.close(o.path("post_rmspe").asDouble(), e.path("extra").path("post_rmspe").asDouble(), tol, "post-RMSPE");
        CausalPipelineTest.close(o.path("rmspe_ratio").asDouble(), e.path("extra").path("rmspe_ratio").asDouble(), tol, "RMSPE ratio");
        CausalPipelineTest.close(o.path("gap_2000").asDouble(), out.path("details").path("gaps").path("2000").asDouble(), tol, "2000 gap");
        assertEquals(o.path("p_value").asDouble(), e.path("pValue").asDouble(), 1e-12, "placebo p-value");
        assertEquals(o.path("placebo_rank").asInt(), out.path("details").path("rank").asInt());
        // every placebo's own fit: 38 more quadratic programs
        JsonNode ratios = out.path("details").path("placebo_rmspe_ratios");
        assertEquals(38, ratios.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("placebo_rmspe_ratios").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            CausalPipelineTest.close(r.getValue().asDouble(), ratios.path(r.getKey()).asDouble(), placeboTol, "placebo ratio " + r.getKey());
        }
    }

    @Test
    void outcomeOnlyWeightsMatchQuadprogAndThePublishedProp99Numbers() throws IOException {
        JsonNode out = run(spec(""), CausalPipelineTest.resource(PROP99));
        matches(oracle("prop99_outcome_only"), out, 1e-6, 1e-6);
        // the oracle: scipy nnls weights (1e-3), pre-RMSPE 1.656 and 2000 gap -26.60
        JsonNode published = new ObjectMapper().readTree(CausalPipelineTest.resource("causal_quasi_oracles.json").toFile())
                .path("synthetic_control_prop99").path("outcome_only_qp");
        for (Iterator<Map.Entry<String, JsonNode>> it = published.path("weights").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asDouble(), out.at("/details/weights").path(e.getKey()).asDouble(0), 1e-3, e.getKey());
        }
        assertEquals(1.656, out.at("/details/pre_rmspe").asDouble(), 5e-4);
        assertEquals(-26.60, out.at("/details/gaps/2000").asDouble(), 5e-3);
        assertEquals(published.path("mean_gap_1989_2000").asDouble(), out.path("estimate").asDouble(), 1e-3);
    }

    @Test
    void equalVPredictorWeightsMatchQuadprog() throws IOException {
        JsonNode out = run(spec(EQUAL_V), CausalPipelineTest.resource(PROP99));
        matches(oracle("prop99_equal_v"), out, 1e-6, 1e-4);
        JsonNode v = out.at("/details/v_matrix");
        assertEquals(7, v.size());
        v.forEach(x -> assertEquals(1.0 / 7, x.asDouble(), 1e-15));
    }

    /**
     * California inside the donors' convex hull of (retprice, cigsale 1980, cigsale 1988): many
     * weightings fit exactly and the tiny ridge picks the one of least norm. That problem has a
     * condition number near 1e10, so double-precision solvers (quadprog's dual method, this
     * active-set method) agree only to about 1e-5; the rank p-value agrees exactly.
     */
    @Test
    void insideTheHullTheLeastNormExactFitMatchesQuadprog() throws IOException {
        JsonNode out = run(spec(INSIDE_HULL), CausalPipelineTest.resource(PROP99));
        matches(oracle("prop99_equal_v_inside_hull"), out, 1e-5, 1e-4);
        assertEquals(17, out.at("/details/weights").size());
    }

    @Test
    void offlinePipelineValidatesAgainstTheEngine() {
        String pool = ", donors: [Utah, Montana, Nevada, Connecticut, New Hampshire, Colorado, Idaho, Wyoming, Texas],"
                + " predictors: [lnincome, beer], outcome_lags: [1980], predictor_from: 1984, v_matrix: equal";
        for (CausalSpec spec : List.of(spec(""), spec(EQUAL_V), spec(INSIDE_HULL), spec(pool))) {
            try (Dataset d = Dataset.read(CausalPipelineTest.resource(PROP99))) {
                GeneratedPipeline p = Cerebro.builder().build().generate(spec, d);
                assertEquals(Verdict.PASSED, p.validation().verdict(), () -> p.validation().describe());
                assertEquals("causal.synth", p.method());
            }
        }
    }

    /** The program on the synthetic panel: the planted donors carry the weight and the planted effect is recovered. */
    @Test
    void recoversThePlantedEffectOnSyntheticData() throws IOException {
        Path file = Files.createTempFile("cerebro-synth-data-", ".csv");
        try (Dataset d = Dataset.read(CausalPipelineTest.resource(PROP99))) {
            CausalSpec spec = spec("");
            CausalSyntheticData.write(spec, d, file, 7);
            double sd = d.meanAndSd("cigsale")[1];
            JsonNode out = run(spec, file);
            double effect = out.path("estimate").asDouble() / sd;
            // the 0.02 sd lift above the donors and the noise stay in the gap beside the planted effect
            assertEquals(SynthSyntheticData.EFFECT, effect, 0.05, () -> "effect in sd: " + effect + "\n" + out);
            assertTrue(out.at("/details/pre_rmspe").asDouble() / sd < 0.05, out::toString);
            assertEquals(1.0 / 39, out.path("pValue").asDouble(), 1e-12, () -> "the treated unit has the largest RMSPE ratio: " + out);
            JsonNode w = out.at("/details/weights");
            // weights are printed largest first: the planted 0.5 / 0.3 / 0.2
            assertTrue(w.size() >= 3, w::toString);
            double[] largest = new double[3];
            Iterator<JsonNode> values = w.elements();
            for (int k = 0; k < 3; k++) {
                largest[k] = values.next().asDouble();
            }
            assertEquals(SynthSyntheticData.W1, largest[0], 0.05, w::toString);
            assertEquals(SynthSyntheticData.W2, largest[1], 0.05, w::toString);
            assertEquals(SynthSyntheticData.W3, largest[2], 0.05, w::toString);
            try (Dataset s = Dataset.read(file)) {
                assertEquals(39, s.levels("state").size());
                assertEquals(31, s.levels("year").size());
                assertTrue(s.levels("state").containsKey("California"));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The in-time placebo is printed like the engine's diagnostic (fake start 1979, outcome-only weights). */
    @Test
    void inTimePlaceboMatchesTheEngineDiagnostic() throws IOException {
        JsonNode out = run(spec(""), CausalPipelineTest.resource(PROP99));
        try (Dataset d = Dataset.read(CausalPipelineTest.resource(PROP99))) {
            io.cerebro.core.result.Diagnostic diag = io.cerebro.core.engine.Engines.run(spec(""), d).diagnostics().stream()
                    .filter(x -> x.name().equals("placebo_in_time")).findFirst().orElseThrow();
            JsonNode inTime = out.at("/details/placebo_in_time");
            assertEquals(1979.0, inTime.path("fake_start").asDouble());
            for (String key : List.of("fake_start", "mean_gap", "rmspe_ratio")) {
                CausalPipelineTest.close(((Number) diag.values().get(key)).doubleValue(), inTime.path(key).asDouble(), 1e-6, key);
            }
        }
    }

    /** A duplicated unit/period row and a donor with a missing year stop the program with one line naming them. */
    @Test
    void badPanelsFailWithOneLine() throws IOException {
        List<String> lines = Files.readAllLines(CausalPipelineTest.resource(PROP99));
        Path dir = Files.createTempDirectory("cerebro-synth-bad-");
        Path dup = dir.resolve("dup.csv");
        List<String> withDup = new java.util.ArrayList<>(lines);
        withDup.add(lines.get(1));
        Files.write(dup, withDup);
        Path gap = dir.resolve("gap.csv");
        Files.write(gap, lines.stream().filter(l -> !l.startsWith("\"Alabama\",\"1975\"")).toList());
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", CausalPipelineWriter.write(spec("")));
        SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Pipeline", List.of(dup.toString()), dir, SandboxLimits.DEFAULT);
        assertTrue(r.exitCode() != 0 && r.stderr().contains("more than one row for Alabama in 1970"), r::stderr);
        r = SandboxRunner.run(c.classes(), "Pipeline", List.of(gap.toString()), dir, SandboxLimits.DEFAULT);
        String err = r.stderr();
        assertTrue(r.exitCode() != 0 && err.contains("Alabama has no cigsale in 1975"), err);
    }

    @Test
    void dataDrivenVAndAugmentedSpecsAreRefusedWithOneLine() {
        for (String extra : List.of(", predictors: [lnincome, retprice]", ", predictors: [lnincome], v_matrix: data",
                ", augmented: true")) {
            UserInputException e = assertThrows(UserInputException.class, () -> CausalPipelineWriter.write(spec(extra)));
            assertTrue(e.getMessage().startsWith("no offline template for "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            try (Dataset d = Dataset.read(CausalPipelineTest.resource(PROP99))) {
                UserInputException a = assertThrows(UserInputException.class, () -> Cerebro.builder().build().generate(spec(extra), d));
                assertEquals(e.getMessage(), a.getMessage());
            }
        }
    }
}
