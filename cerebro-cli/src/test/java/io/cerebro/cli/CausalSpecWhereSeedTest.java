package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A causal spec's {@code where:} and {@code seed:} reach {@code generate} and {@code validate}: the
 * pipeline is validated on the filtered rows (counted here from the CSV itself) and the synthetic
 * dataset is drawn with the spec's seed + 1, both recorded in validation.json. (Both were ignored
 * for causal specs before the family seam.)
 */
class CausalSpecWhereSeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rows of the LaLonde file with age below 30, counted from the text (independent of DuckDB). */
    private static long youngRows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
        int age = header.indexOf("age");
        return lines.stream().skip(1).filter(l -> !l.isBlank()).filter(l -> Double.parseDouble(l.split(",")[age]) < 30).count();
    }

    @Test
    void generateAndValidateHonourTheSpecsWhereAndSeed(@TempDir Path dir) throws Exception {
        Path data = CausalGenerateCommandTest.lalonde(dir);
        Path spec = dir.resolve("ipw.yaml");
        Files.writeString(spec, "family: causal\nmethod: ipw\ntreatment: treat\noutcome: re78\n"
                + "confounders: [age, educ, black, hispan, married, nodegree, re74, re75]\nwhere: \"age < 30\"\nseed: 7\n");
        Path out = dir.resolve("gen");
        CliTestSupport.Run g = run("generate", "--spec", spec.toString(), "--data", data.toString(), "--out", out.toString(),
                "--no-retrieval", "--offline");
        assertEquals(0, g.code(), g.out() + g.err());
        JsonNode v = JSON.readTree(out.resolve("validation.json").toFile());
        long expected = youngRows(data);
        assertTrue(expected > 100 && expected < 2675, "the filter must keep part of the data: " + expected);
        assertEquals(expected, v.path("data").path("rows").asLong(), "validated on the filtered rows");
        assertEquals(8, v.path("syntheticData").path("seed").asLong(), "synthetic data drawn with seed + 1");
        assertTrue(v.path("syntheticData").path("plantedEffect").asText().contains("0.4"), v.path("syntheticData").toString());
        assertTrue(v.path("comparisons").size() > 4, "every compared value is recorded");
        for (JsonNode c : v.path("comparisons")) {
            assertTrue(c.has("engine") && c.has("pipeline") && c.has("tolerance") && c.path("passed").asBoolean(), c.toString());
        }
        String readme = Files.readString(out.resolve("README.md"));
        assertTrue(!readme.contains(System.getProperty("user.home")) && !readme.contains("/.m2/"),
                "the pipeline README names paths of this machine");
        assertTrue(readme.contains("dependency:copy -Dartifact=org.apache.commons:commons-math3:"), readme);

        // the same program against the unfiltered spec sees other rows: the arm counts differ
        Path unfiltered = dir.resolve("ipw-all.yaml");
        Files.writeString(unfiltered, Files.readString(spec).replace("where: \"age < 30\"\n", ""));
        CliTestSupport.Run ok = run("validate", out.resolve("Pipeline.java").toString(), "--spec", spec.toString(), "--data", data.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        CliTestSupport.Run all = run("validate", out.resolve("Pipeline.java").toString(), "--spec", unfiltered.toString(),
                "--data", data.toString());
        assertEquals(0, all.code(), "a template reads its data, so it passes on any rows: " + all.out());
        CliTestSupport.Run flag = run("validate", out.resolve("Pipeline.java").toString(), "--spec", unfiltered.toString(),
                "--data", data.toString(), "--where", "age < 30");
        assertEquals(0, flag.code(), flag.out() + flag.err());
    }
}
