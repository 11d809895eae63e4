package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.Estimand;
import io.cerebro.core.testing.SharedFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro causal}: flags to spec, the LaLonde run end to end, and exit code 2 on bad input. */
class CausalCommandTest {
    static Path lalonde;

    @BeforeAll
    static void data() throws Exception {
        lalonde = Files.createTempDirectory("causal-cli").resolve("lalonde.csv");
        try (InputStream in = SharedFixtures.stream(SharedFixtures.CAUSAL + "lalonde_nsw_psid_observational.csv")) {
            Files.copy(in, lalonde);
        }
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CliSupport.newCommandLine(new CerebroCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static CausalSpec parse(String... args) {
        CausalCommand c = new CausalCommand();
        CliSupport.newCommandLine(c).parseArgs(args);
        return c.spec();
    }

    /** R Matching::Match on the same data gives 1933.39 (SE 1090.60); see cerebro-core's oracle tests. */
    @Test
    void psmEndToEndJson() throws Exception {
        Run r = run("causal", lalonde.toString(), "--treatment", "treat", "--outcome", "re78",
                "--confounders", "age,educ,black,hispan,married,nodegree,re74,re75", "--method", "psm", "--estimand", "att",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("causal.psm", j.get("method").asText());
        assertEquals(1933.39187577478, j.get("estimate").asDouble(), 1933.39 * 1e-6);
        assertEquals(1090.60464379094, j.get("standardError").asDouble(), 1090.6 * 1e-6);
    }

    @Test
    void reportAndRefutersRun() throws Exception {
        Path report = Files.createTempDirectory("causal-report").resolve("r.html");
        Run r = run("causal", lalonde.toString(), "--treatment", "treat", "--outcome", "re78",
                "--confounders", "age,educ,race,married,nodegree,re74,re75", "--method", "ipw", "--estimand", "att",
                "--refute", "placebo,bootstrap", "--seed", "7", "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("refute"), r.out());
        String html = Files.readString(report);
        assertTrue(html.contains("<svg"), "report has charts");
    }

    @Test
    void everyFlagMapsOntoTheSpec() {
        CausalSpec s = parse("--treatment", "t", "--outcome", "y", "--confounders", "a,b", "--graph", "a -> t; t -> y",
                "--mediator", "m", "--method", "aipw", "--estimand", "atc", "--alpha", "0.1", "--refute", "all", "--seed", "9",
                "--k", "3", "--no-replacement", "--caliper", "0.2", "--clip", "0.01", "--trim", "0.05", "--horvitz-thompson",
                "--folds", "5", "--unit", "u", "--time", "w", "--treated-group", "g", "--post", "p", "--first-treated", "f",
                "--cluster", "cl", "--control-group", "notyet", "--leads", "3", "--lags", "4", "--running", "r", "--cutoff", "1.5",
                "--fuzzy", "take", "--kernel", "uniform", "--order", "2", "--bandwidth", "7", "--vce", "hc1",
                "--instruments", "z1,z2", "--controls", "c1", "--treated-unit", "CA", "--treatment-start", "1989",
                "--predictors", "p1,p2", "--v-matrix", "equal", "--augmented", "--donors", "NV,UT", "--drop-missing", "--where", "x > 0");
        assertEquals(CausalMethod.AIPW, s.method());
        assertEquals(List.of("a", "b"), s.confounders());
        assertEquals("a -> t; t -> y", s.graph());
        assertEquals("m", s.mediator());
        assertEquals(Estimand.ATC, s.estimand());
        assertEquals(0.1, s.alpha());
        assertEquals(List.of("all"), s.refute());
        assertEquals(9L, s.seed());
        assertEquals(3, s.matching().k());
        assertFalse(s.matching().replacement());
        assertEquals(0.2, s.matching().caliper());
        assertFalse(s.weighting().normalized());
        assertEquals(0.01, s.weighting().clip());
        assertEquals(0.05, s.weighting().trim());
        assertEquals(5, s.weighting().folds());
        assertEquals("u", s.panel().unit());
        assertEquals("w", s.panel().time());
        assertEquals("g", s.panel().treatedGroup());
        assertEquals("p", s.panel().post());
        assertEquals("f", s.panel().firstTreated());
        assertEquals("cl", s.panel().cluster());
        assertEquals("notyet", s.panel().controlGroup());
        assertEquals(3, s.panel().leads());
        assertEquals(4, s.panel().lags());
        assertEquals("r", s.rdd().running());
        assertEquals(1.5, s.rdd().cutoff());
        assertEquals("take", s.rdd().fuzzy());
        assertEquals("uniform", s.rdd().kernel());
        assertEquals(2, s.rdd().order());
        assertEquals(7.0, s.rdd().bandwidth());
        assertEquals("hc1", s.rdd().vce());
        assertEquals(List.of("z1", "z2"), s.iv().instruments());
        assertEquals(List.of("c1"), s.iv().controls());
        assertEquals("CA", s.synth().treatedUnit());
        assertEquals(1989.0, s.synth().treatmentStart());
        assertEquals(List.of("p1", "p2"), s.synth().predictors());
        assertEquals("equal", s.synth().vMatrix());
        assertTrue(s.synth().augmented());
        assertEquals(List.of("NV", "UT"), s.synth().donors());
        assertNull(s.synth().unit(), "--unit goes to the panel unless the method is synth");
        assertTrue(s.dropMissing());
        assertEquals("x > 0", s.where());
        CausalSpec sy = parse("--outcome", "y", "--method", "synth", "--unit", "state", "--time", "year");
        assertEquals("state", sy.synth().unit());
        assertEquals("year", sy.synth().time());
    }

    @Test
    void specFileWithFlagOverride() throws Exception {
        Path f = Files.createTempFile("spec", ".yaml");
        Files.writeString(f, "family: causal\nmethod: ipw\ntreatment: treat\noutcome: re78\nconfounders: [age, educ]\nestimand: att\n"
                + "weighting:\n  clip: 0.02\n");
        CausalSpec s = parse("--spec", f.toString(), "--estimand", "ate", "--trim", "0.05");
        assertEquals(CausalMethod.IPW, s.method());
        assertEquals(Estimand.ATE, s.estimand());
        assertEquals(0.02, s.weighting().clip());
        assertEquals(0.05, s.weighting().trim());
        assertEquals(List.of("age", "educ"), s.confounders());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        Run r = run("causal", lalonde.toString(), "--treatment", "age", "--outcome", "re78", "--confounders", "educ");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("must be binary") && r.err().contains("values seen"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Run g = run("causal", lalonde.toString(), "--treatment", "treat", "--outcome", "re78", "--graph", "treat -> re78; re78 -> treat");
        assertEquals(2, g.code());
        assertTrue(g.err().contains("not a DAG"), g.err());
        Run m = run("causal", lalonde.toString(), "--treatment", "treat", "--outcome", "re78", "--method", "magic");
        assertEquals(2, m.code());
        assertTrue(m.err().contains("unknown causal method"), m.err());
    }
}
