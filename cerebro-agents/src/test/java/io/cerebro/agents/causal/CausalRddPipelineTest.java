package io.cerebro.agents.causal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.validate.InMemoryCompiler;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.agents.validate.SandboxRunner;
import io.cerebro.agents.validate.Verdict;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline regression-discontinuity pipeline, checked two ways:
 * <ul>
 *   <li>its printed numbers against independent oracles: at a fixed bandwidth, kernel-weighted
 *       {@code lm} with HC0 errors in R ({@code rdd_senate_fixed_bw.json}: the order-p and order-(p + 1)
 *       fits give the conventional and bias-corrected jumps and SEs, and for the fuzzy design the ratio
 *       and its first-order bias correction, rel 1e-8); rdrobust's published senate example
 *       ({@code causal_quasi_oracles.json} rdd_senate, 4 decimals: abs 1e-4, bandwidths abs 1e-3), a
 *       statsmodels-WLS port of rdrobust's mserd selector with HC1 residuals for three kernels and
 *       order 2 ({@code rdd_senate_hc1.json}: bandwidths rel 1e-6, jump rel 1e-7), and for the fuzzy
 *       design at a fixed bandwidth R's kernel-weighted {@code AER::ivreg} with HC0 errors
 *       ({@code fuzzy_rdd_ivreg.json}: rel 1e-7) and with mserd a statsmodels port of the fuzzy selector
 *       ({@code fuzzy_rdd_mserd_hc1.json}: bandwidths rel 1e-6, estimates rel 1e-7);</li>
 *   <li>the whole agent flow against the engine, on the data and on {@link RddSyntheticData}.</li>
 * </ul>
 */
class CausalRddPipelineTest {
    static JsonNode quasi;
    static JsonNode hc1;
    static JsonNode fuzzy;
    static Path senate;
    static Path fuzzyData;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper m = new ObjectMapper();
        quasi = m.readTree(CausalPipelineTest.resource("causal_quasi_oracles.json").toFile());
        hc1 = m.readTree(CausalPipelineTest.resource("rdd_senate_hc1.json").toFile());
        fuzzy = m.readTree(CausalPipelineTest.resource("fuzzy_rdd_ivreg.json").toFile());
        senate = CausalPipelineTest.resource("rdrobust_senate.csv");
        fuzzyData = CausalPipelineTest.resource("fuzzy_rdd.csv");
    }

    static CausalSpec senateSpec(String rdd) {
        return (CausalSpec) SpecReader.parse("family: causal\nmethod: rdd\noutcome: vote\ndrop_missing: true\n"
                + "rdd: {running: margin, cutoff: 0" + rdd + "}\n", false, "test");
    }

    static CausalSpec fuzzySpec(String rdd) {
        return (CausalSpec) SpecReader.parse("family: causal\nmethod: rdd\noutcome: y\n"
                + "rdd: {running: x, cutoff: 0, fuzzy: take" + rdd + "}\n", false, "test");
    }

    /** Compiles and runs the offline program; returns its whole printed result. */
    static JsonNode run(CausalSpec spec, Path data) throws IOException {
        String code = CausalPipelineWriter.write(spec);
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", code);
        assertTrue(c.ok(), () -> "does not compile: " + c.errors() + "\n" + code);
        SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Pipeline", List.of(data.toString()),
                Files.createTempDirectory("cerebro-rdd-template-"), SandboxLimits.DEFAULT);
        assertEquals(0, r.exitCode(), r::stderr);
        return new ObjectMapper().readTree(r.stdout());
    }

    static JsonNode estimate(JsonNode result, String label) {
        for (JsonNode e : result.path("estimates")) {
            if (e.path("label").asText().equals(label)) {
                return e;
            }
        }
        throw new AssertionError("no estimate '" + label + "' in " + result.toPrettyString());
    }

    static void near(double expected, double actual, double abs, String what) {
        assertTrue(Math.abs(actual - expected) <= abs, () -> what + ": printed " + actual + ", oracle " + expected + " (abs " + abs + ")");
    }

    // ------------------------------------------------------------ the program against the oracles

    /**
     * A sharp RD at a fixed bandwidth h = b against kernel-weighted lm: the conventional jump and its
     * HC0 SE from the order-p fit, the bias-corrected jump and robust HC0 SE from the order-(p + 1) fit.
     */
    @Test
    void sharpAtAFixedBandwidthMatchesKernelWeightedLm() throws IOException {
        JsonNode o = new ObjectMapper().readTree(CausalPipelineTest.resource("rdd_senate_fixed_bw.json").toFile());
        for (int p = 1; p <= 2; p++) {
            for (String kernel : List.of("triangular", "epanechnikov", "uniform")) {
                JsonNode v = o.path("p" + p + "_" + kernel);
                String what = kernel + " p=" + p;
                JsonNode out = run(senateSpec(", kernel: " + kernel + ", order: " + p + ", bandwidth: " + o.path("h").asDouble()
                        + ", vce: hc0"), senate);
                JsonNode conv = estimate(out, "conventional");
                JsonNode robust = estimate(out, "robust");
                CausalPipelineTest.close(v.path("conventional").asDouble(), conv.path("estimate").asDouble(), 1e-8, what);
                CausalPipelineTest.close(v.path("se_hc0").asDouble(), conv.path("standardError").asDouble(), 1e-8, what + " SE");
                CausalPipelineTest.close(v.path("bias_corrected").asDouble(), estimate(out, "bias-corrected").path("estimate").asDouble(),
                        1e-8, what + " bias-corrected");
                CausalPipelineTest.close(v.path("robust_se_hc0").asDouble(), robust.path("standardError").asDouble(), 1e-8,
                        what + " robust SE");
                CausalPipelineTest.close(v.path("conventional").asDouble(), robust.path("estimate").asDouble(), 1e-8, what + " headline");
                assertEquals(v.path("n").asInt(), out.at("/sampleSizes/effective_left").asInt()
                        + out.at("/sampleSizes/effective_right").asInt(), what);
            }
        }
    }

    /**
     * A fuzzy RD at h = b = 0.5 against kernel-weighted lm in R: the ratio of the order-p jumps, and
     * rdrobust's first-order bias correction of that ratio with the order-(p + 1) jumps.
     */
    @Test
    void fuzzyBiasCorrectionAtAFixedBandwidthMatchesLm() throws IOException {
        JsonNode o = new ObjectMapper().readTree(CausalPipelineTest.resource("rdd_senate_fixed_bw.json").toFile());
        for (int p = 1; p <= 2; p++) {
            for (String kernel : List.of("triangular", "epanechnikov", "uniform")) {
                JsonNode v = o.path("fuzzy_p" + p + "_" + kernel);
                String what = "fuzzy " + kernel + " p=" + p;
                JsonNode out = run(fuzzySpec(", kernel: " + kernel + ", order: " + p + ", bandwidth: " + v.path("h").asDouble()), fuzzyData);
                CausalPipelineTest.close(v.path("conventional").asDouble(), estimate(out, "conventional").path("estimate").asDouble(), 1e-8,
                        what);
                CausalPipelineTest.close(v.path("bias_corrected").asDouble(), estimate(out, "bias-corrected").path("estimate").asDouble(),
                        1e-8, what + " bias-corrected");
                CausalPipelineTest.close(v.path("bias_corrected").asDouble(), estimate(out, "robust").at("/extra/bias_corrected").asDouble(),
                        1e-8, what + " robust centre");
                CausalPipelineTest.close(v.path("jump_in_take_up").asDouble(), out.at("/details/jump_in_take_up").asDouble(), 1e-8,
                        what + " take-up jump");
            }
        }
    }

    /** rdrobust(vote, margin): h, b, conventional, bias-corrected and robust, as published (4 decimals). */
    @Test
    void senateMatchesRdrobustsPublishedNumbers() throws IOException {
        JsonNode o = quasi.path("rdd_senate");
        JsonNode out = run(senateSpec(""), senate);
        assertEquals("causal.rdd", out.path("method").asText());
        String header = CausalPipelineWriter.write(senateSpec(""));
        assertTrue(header.contains("Not computed here") && header.contains("McCrary density test") && header.contains("placebo cutoffs"),
                "the header names the diagnostics the program leaves out");
        near(o.path("h").asDouble(), out.at("/details/bandwidth/h").asDouble(), 1e-3, "h");
        near(o.path("b").asDouble(), out.at("/details/bandwidth/b").asDouble(), 1e-3, "b");
        JsonNode conv = estimate(out, "conventional");
        near(o.at("/conventional/estimate").asDouble(), conv.path("estimate").asDouble(), 1e-4, "conventional");
        near(o.at("/conventional/se").asDouble(), conv.path("standardError").asDouble(), 1e-4, "conventional SE");
        near(o.at("/conventional/ci95/0").asDouble(), conv.at("/interval/lower").asDouble(), 1e-4, "conventional CI lower");
        near(o.at("/conventional/ci95/1").asDouble(), conv.at("/interval/upper").asDouble(), 1e-4, "conventional CI upper");
        near(o.path("bias_corrected").asDouble(), estimate(out, "bias-corrected").path("estimate").asDouble(), 1e-4, "bias-corrected");
        JsonNode robust = estimate(out, "robust");
        near(o.at("/robust/se").asDouble(), robust.path("standardError").asDouble(), 1e-4, "robust SE");
        near(o.at("/robust/z").asDouble(), robust.at("/statistic/value").asDouble(), 1e-3, "robust z");
        near(o.at("/robust/ci95/0").asDouble(), robust.at("/interval/lower").asDouble(), 1e-4, "robust CI lower");
        near(o.at("/robust/ci95/1").asDouble(), robust.at("/interval/upper").asDouble(), 1e-4, "robust CI upper");
        near(o.at("/conventional/estimate").asDouble(), out.path("estimate").asDouble(), 1e-4, "headline");
        assertEquals(o.path("n_left").asInt(), out.at("/sampleSizes/left").asInt());
        assertEquals(o.path("n_right").asInt(), out.at("/sampleSizes/right").asInt());
        assertEquals(o.path("n_eff_left").asInt(), out.at("/sampleSizes/effective_left").asInt());
        assertEquals(o.path("n_eff_right").asInt(), out.at("/sampleSizes/effective_right").asInt());
    }

    /** mserd with HC1 residuals, local linear and quadratic, three kernels: a statsmodels-WLS port of rdrobust. */
    @Test
    void senateHc1BandwidthsMatchTheStatsmodelsPort() throws IOException {
        JsonNode out = run(senateSpec(", vce: hc1"), senate);
        CausalPipelineTest.close(hc1.path("h").asDouble(), out.at("/details/bandwidth/h").asDouble(), 1e-6, "h");
        CausalPipelineTest.close(hc1.path("b").asDouble(), out.at("/details/bandwidth/b").asDouble(), 1e-6, "b");
        CausalPipelineTest.close(hc1.path("conventional").asDouble(), estimate(out, "conventional").path("estimate").asDouble(), 1e-7,
                "conventional");
        for (JsonNode v : hc1.path("variants")) {
            String what = v.path("kernel").asText() + " p=" + v.path("p").asInt();
            JsonNode r = run(senateSpec(", vce: hc1, kernel: " + v.path("kernel").asText() + ", order: " + v.path("p").asInt()), senate);
            CausalPipelineTest.close(v.path("h").asDouble(), r.at("/details/bandwidth/h").asDouble(), 1e-6, what + " h");
            CausalPipelineTest.close(v.path("b").asDouble(), r.at("/details/bandwidth/b").asDouble(), 1e-6, what + " b");
            CausalPipelineTest.close(v.path("conventional").asDouble(), estimate(r, "conventional").path("estimate").asDouble(), 1e-7,
                    what + " conventional");
        }
    }

    /** A fuzzy RD at a fixed bandwidth is kernel-weighted just-identified 2SLS: AER::ivreg with HC0 errors. */
    @Test
    void fuzzyAtAFixedBandwidthMatchesKernelWeightedIvreg() throws IOException {
        for (String kernel : List.of("triangular", "uniform", "epanechnikov")) {
            JsonNode out = run(fuzzySpec(", kernel: " + kernel + ", bandwidth: " + fuzzy.path("h").asDouble() + ", vce: hc0"), fuzzyData);
            assertEquals("causal.fuzzy_rdd", out.path("method").asText());
            JsonNode conv = estimate(out, "conventional");
            CausalPipelineTest.close(fuzzy.at("/" + kernel + "/estimate").asDouble(), conv.path("estimate").asDouble(), 1e-7, kernel);
            CausalPipelineTest.close(fuzzy.at("/" + kernel + "/se_hc0").asDouble(), conv.path("standardError").asDouble(), 1e-7,
                    kernel + " HC0 SE");
            assertEquals(fuzzy.at("/" + kernel + "/n").asInt(),
                    out.at("/sampleSizes/effective_left").asInt() + out.at("/sampleSizes/effective_right").asInt());
        }
    }

    /**
     * Fuzzy mserd with HC1 residuals: a statsmodels-WLS port in which every bandwidth constant is the
     * sharp one of the delta-method combination of outcome and take-up (rel 1e-6 bandwidths, 1e-7 jumps).
     */
    @Test
    void fuzzyMserdMatchesTheStatsmodelsPort() throws IOException {
        JsonNode o = new ObjectMapper().readTree(CausalPipelineTest.resource("fuzzy_rdd_mserd_hc1.json").toFile());
        for (JsonNode v : o.path("variants")) {
            String what = v.path("kernel").asText() + " p=" + v.path("p").asInt();
            JsonNode out = run(fuzzySpec(", vce: hc1, kernel: " + v.path("kernel").asText() + ", order: " + v.path("p").asInt()), fuzzyData);
            CausalPipelineTest.close(v.path("h").asDouble(), out.at("/details/bandwidth/h").asDouble(), 1e-6, what + " h");
            CausalPipelineTest.close(v.path("b").asDouble(), out.at("/details/bandwidth/b").asDouble(), 1e-6, what + " b");
            CausalPipelineTest.close(v.path("jump_in_take_up").asDouble(), out.at("/details/jump_in_take_up").asDouble(), 1e-7,
                    what + " take-up jump");
            CausalPipelineTest.close(v.path("conventional").asDouble(), estimate(out, "conventional").path("estimate").asDouble(), 1e-7,
                    what + " fuzzy estimate");
        }
    }

    // ------------------------------------------------------------ the agent flow against the engine

    @Test
    void offlinePipelineValidatesAgainstTheEngine() {
        for (CausalSpec spec : List.of(senateSpec(""), senateSpec(", bandwidth: 20"), senateSpec(", vce: hc1, kernel: epanechnikov, order: 2"),
                senateSpec(", kernel: uniform, bandwidth: 15, vce: hc0"))) {
            GeneratedPipeline p = CausalPipelineTest.generate(spec, senate);
            assertEquals(Verdict.PASSED, p.validation().verdict(), () -> p.validation().describe() + "\n" + p.code());
            assertEquals("causal.rdd", p.method());
        }
    }

    @Test
    void offlineFuzzyPipelineValidatesAgainstTheEngine() {
        for (CausalSpec spec : List.of(fuzzySpec(""), fuzzySpec(", bandwidth: 0.5, kernel: uniform, vce: hc1"))) {
            GeneratedPipeline p = CausalPipelineTest.generate(spec, fuzzyData);
            assertEquals(Verdict.PASSED, p.validation().verdict(), () -> p.validation().describe() + "\n" + p.code());
        }
    }

    /** A discrete running variable (integer scores from -half to half) with a jump of 2 at 0. */
    static Path discrete(int half, long seed) throws IOException {
        java.util.Random rnd = new java.util.Random(seed);
        StringBuilder b = new StringBuilder("score,y\n");
        for (int i = 0; i < 3000; i++) {
            int x = rnd.nextInt(2 * half + 1) - half;
            double y = 0.1 * x + 0.002 * x * x + (x >= 0 ? 2 : 0) + rnd.nextGaussian();
            b.append(x).append(',').append(y).append('\n');
        }
        Path file = Files.createTempFile("cerebro-rdd-discrete-", ".csv");
        Files.writeString(file, b);
        return file;
    }

    /**
     * Ties and mass points: integer scores repeat, so the nearest-neighbour sets keep tied scores
     * whole, the pilot bandwidth counts distinct values, and over -12..12 the floor of rdrobust's
     * masspoints = "adjust" (pilot bandwidths holding 10 distinct values per side) binds; all must be
     * reproduced. Over -8..8 a local quadratic fit has too few distinct values near the cutoff: the
     * engine may refuse it, in one line, but never disagree with the program.
     */
    @Test
    void discreteRunningVariableValidatesAgainstTheEngine() throws IOException {
        for (int half : new int[]{30, 12, 8}) {
            Path file = discrete(half, 3);
            try {
                for (String extra : List.of("", ", vce: hc1, order: 2")) {
                    CausalSpec spec = (CausalSpec) SpecReader.parse("family: causal\nmethod: rdd\noutcome: y\n"
                            + "rdd: {running: score, cutoff: 0" + extra + "}\n", false, "test");
                    GeneratedPipeline p;
                    try {
                        p = CausalPipelineTest.generate(spec, file);
                    } catch (UserInputException e) {
                        assertTrue(half <= 8, () -> half + extra + ": the engine refused " + e.getMessage());
                        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
                        continue;
                    }
                    assertEquals(Verdict.PASSED, p.validation().verdict(), () -> half + extra + ": " + p.validation().describe());
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The synthetic data's planted jump (0.5 outcome sd; for the fuzzy design the complier effect) is recovered. */
    @Test
    void syntheticDataCarriesThePlantedJump() throws IOException {
        for (CausalSpec spec : List.of(senateSpec(""), fuzzySpec(""))) {
            Path file = Files.createTempFile("cerebro-rdd-synthetic-", ".csv");
            try (Dataset d = Dataset.read(spec.rdd().fuzzy() == null ? senate : fuzzyData)) {
                RddSyntheticData.write(spec, d, file, 7);
                double sd = d.meanAndSd(spec.outcome())[1];
                JsonNode robust = estimate(run(spec, file), "robust");
                double planted = RddSyntheticData.JUMP * sd;
                double lower = robust.at("/interval/lower").asDouble();
                double upper = robust.at("/interval/upper").asDouble();
                assertTrue(lower <= planted && planted <= upper, () -> "robust interval [" + lower + ", " + upper
                        + "] misses the planted " + planted);
                near(planted, robust.path("estimate").asDouble(), 4 * robust.path("standardError").asDouble(), "estimate");
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The synthetic file keeps the user's columns and the running variable's range, half the rows per side, and a take-up jump. */
    @Test
    void syntheticDataKeepsTheSchemaAndRange() throws IOException {
        Path file = Files.createTempFile("cerebro-rdd-synthetic-", ".csv");
        try (Dataset user = Dataset.read(fuzzyData)) {
            RddSyntheticData.write(fuzzySpec(""), user, file, 11);
            double[] x0 = user.doubles("x");
            try (Dataset syn = Dataset.read(file)) {
                assertEquals(user.columns().stream().map(c -> c.name()).toList(), syn.columns().stream().map(c -> c.name()).toList());
                assertEquals(Math.max(1_000, Math.min(5_000, user.rowCount())), syn.rowCount());
                double[] x = syn.doubles("x");
                double[] take = syn.doubles("take");
                double min = java.util.Arrays.stream(x0).min().orElseThrow();
                double max = java.util.Arrays.stream(x0).max().orElseThrow();
                double scale = Math.max(-min, max);
                int above = 0;
                // observed minus model take-up probability, summed per side: both sums stay near zero
                double excessAbove = 0;
                double excessBelow = 0;
                for (int i = 0; i < x.length; i++) {
                    assertTrue(x[i] >= min && x[i] <= max, "x " + x[i] + " outside [" + min + ", " + max + "]");
                    assertTrue(take[i] == 0 || take[i] == 1);
                    double p = RddSyntheticData.TAKE_UP_BASE + (x[i] >= 0 ? RddSyntheticData.TAKE_UP_JUMP : 0) + 0.1 * x[i] / scale;
                    if (x[i] >= 0) {
                        above++;
                        excessAbove += take[i] - p;
                    } else {
                        excessBelow += take[i] - p;
                    }
                }
                assertEquals(x.length / 2, above);
                // binomial sd of a side's mean is at most 0.5 / sqrt(n / 2): allow 3 of them
                double tol = 3 * 0.5 / Math.sqrt(x.length / 2.0);
                assertEquals(0, excessAbove / above, tol);
                assertEquals(0, excessBelow / (x.length - above), tol);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    // ------------------------------------------------------------ what the template does not cover

    @Test
    void covariatesAndBadOptionsEndInOneClearLine() {
        CausalSpec covs = (CausalSpec) SpecReader.parse("family: causal\nmethod: rdd\noutcome: vote\ndrop_missing: true\n"
                + "confounders: [class, termshouse]\nrdd: {running: margin, cutoff: 0}\n", false, "test");
        UserInputException e = assertThrows(UserInputException.class, () -> CausalPipelineTest.generate(covs, senate));
        assertEquals("no offline template for covariate-adjusted causal.rdd yet (covariates class, termshouse); drop them,"
                + " configure an LLM (docs/agents.md) or use the engine directly ('cerebro causal' without --generate)", e.getMessage());
        assertTrue(assertThrows(UserInputException.class, () -> CausalPipelineWriter.write(senateSpec(", order: 3")))
                .getMessage().startsWith("rdd.order must be 1 (local linear) or 2 (local quadratic)"));
        assertTrue(assertThrows(UserInputException.class, () -> CausalPipelineWriter.write(senateSpec(", kernel: gaussian")))
                .getMessage().startsWith("unknown RDD kernel 'gaussian'"));
        CausalSpec noRunning = (CausalSpec) SpecReader.parse("family: causal\nmethod: rdd\noutcome: vote\n", false, "test");
        assertEquals("method rdd needs the running variable; give --running and --cutoff",
                assertThrows(UserInputException.class, () -> CausalPipelineWriter.write(noRunning)).getMessage());
    }
}
