package io.cerebro.cli;

import io.cerebro.cli.CliTestSupport.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro power}: the numbers are statsmodels' (shared/oracles/ab_oracles.json "power":
 * NormalIndPower n = 14744.104836925611 for 10% -> 11%; TTestIndPower power 0.8064972788078831 for
 * d = 0.2, n = 400), relative 1e-6; bad input exits with code 2.
 */
class PowerCommandTest {

    @Test
    void sampleSizeForProportions() throws Exception {
        Run r = run("power", "proportions", "--baseline", "0.1", "--mde", "0.01", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("cerebro.result/1", j.get("schema").asText());
        assertEquals("control-arm sample size", j.get("estimates").get(0).get("label").asText());
        assertEquals(14744.104836925611, j.get("estimate").asDouble(), 14744.1 * 1e-6);
        assertEquals(14745, j.get("sampleSizes").get("control").asLong());
        assertEquals("power.proportions", j.get("method").asText());
        Run text = run("power", "proportions", "--baseline", "0.1", "--mde", "0.01");
        assertTrue(text.out().contains("14745"), text.out());
    }

    @Test
    void powerForMeansAndGroupSequentialInflation() throws Exception {
        Run r = run("power", "means", "--sd", "5", "--mde", "1", "--n", "400", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals(0.8064972788078831, new ObjectMapper().readTree(r.out()).get("estimate").asDouble(), 1e-6 * 0.8);
        Run gs = run("power", "means", "--sd", "5", "--mde", "0.5", "--looks", "5", "--format", "json");
        assertEquals(0, gs.code(), gs.err());
        JsonNode j = new ObjectMapper().readTree(gs.out());
        double inflation = estimate(j, "group-sequential inflation factor");
        assertTrue(inflation > 1 && inflation < 1.1, "inflation " + inflation);
        Run mde = run("power", "means", "--sd", "5", "--n", "10000");
        assertEquals(0, mde.code(), mde.err());
        assertTrue(mde.out().contains("solved for"), mde.out());
    }

    @Test
    void specFileRunsAndMarkdownRenders(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path spec = dir.resolve("power.yaml");
        java.nio.file.Files.writeString(spec, "family: power\noutcome: proportions\nbaseline: 0.1\nmde: 0.01\n");
        Run r = run("power", "--spec", spec.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals(14744.104836925611, new ObjectMapper().readTree(r.out()).get("estimate").asDouble(), 14744.1 * 1e-6);
        Run md = run("power", "proportions", "--baseline", "0.1", "--mde", "0.01", "--format", "markdown");
        assertEquals(0, md.code(), md.err());
        assertTrue(md.out().contains("control-arm sample size"), md.out());
    }

    private static double estimate(JsonNode result, String label) {
        for (JsonNode e : result.get("estimates")) {
            if (e.get("label").asText().equals(label)) {
                return e.get("estimate").asDouble();
            }
        }
        throw new AssertionError("no estimate '" + label + "' in " + result);
    }

    @Test
    void impossibleInputsExitWithCode2() {
        Run r = run("power", "proportions", "--baseline", "1.5", "--mde", "0.01");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("baseline"), r.err());
        assertEquals(2, run("power", "proportions", "--baseline", "0.1").code());
        assertEquals(2, run("power", "means", "--sd", "5", "--mde", "0.5", "--power", "1.5").code());
        assertEquals(2, run("power", "means", "--sd", "0", "--mde", "0.5").code());
        assertEquals(2, run("power", "means", "--sd", "1", "--mde", "0.5", "--n", "100", "--looks", "3").code());
    }
}
