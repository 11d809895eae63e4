package io.cerebro.cli;

import io.cerebro.cli.CliTestSupport.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro causal ... --generate DIR}: the validated pipeline's files, the verdict and the exit codes. */
class CausalGenerateCommandTest {

    static Path lalonde(Path dir) throws Exception {
        Path f = dir.resolve("lalonde.csv");
        try (InputStream in = SharedFixtures.stream(SharedFixtures.CAUSAL + "lalonde_nsw_psid_observational.csv")) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void ipwGenerateWritesAValidatedPipeline(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("gen");
        Run r = run("causal", lalonde(dir).toString(), "--treatment", "treat", "--outcome", "re78",
                "--confounders", "age,educ,black,hispan,married,nodegree,re74,re75", "--method", "ipw", "--estimand", "att",
                "--generate", out.toString(), "--offline");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("verdict:    PASSED"), r.out());
        String code = Files.readString(out.resolve("Pipeline.java"));
        assertTrue(code.contains("public class Pipeline") && code.contains("static final String METHOD = \"causal.ipw\""), code);
        assertTrue(Files.readString(out.resolve("README.md")).contains("jbang Pipeline.java"));
        JsonNode v = new ObjectMapper().readTree(out.resolve("validation.json").toFile());
        assertEquals("PASSED", v.path("verdict").asText(), v.toPrettyString());
    }

    /** A fuzzy regression discontinuity from the flags: the offline RDD pipeline, validated against the engine. */
    @Test
    void fuzzyRddGenerateWritesAValidatedPipeline(@TempDir Path dir) throws Exception {
        java.util.Random rnd = new java.util.Random(5);
        StringBuilder csv = new StringBuilder("score,enrolled,earnings\n");
        for (int i = 0; i < 1500; i++) {
            double x = 40 + 20 * rnd.nextDouble();
            int take = rnd.nextDouble() < (x >= 50 ? 0.8 : 0.2) ? 1 : 0;
            csv.append(x).append(',').append(take).append(',').append(100 + 2 * x + 15 * take + 10 * rnd.nextGaussian()).append('\n');
        }
        Path data = dir.resolve("scores.csv");
        Files.writeString(data, csv);
        Path out = dir.resolve("gen");
        Run r = run("causal", data.toString(), "--outcome", "earnings", "--method", "rdd", "--running", "score", "--cutoff", "50",
                "--fuzzy", "enrolled", "--generate", out.toString(), "--offline", "--no-retrieval");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("verdict:    PASSED"), r.out());
        assertTrue(Files.readString(out.resolve("Pipeline.java")).contains("static final String METHOD = \"causal.fuzzy_rdd\""));
    }

    @Test
    void aMethodWithoutATemplateIsOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("gen");
        Run r = run("causal", lalonde(dir).toString(), "--treatment", "treat", "--outcome", "re78",
                "--method", "rdd", "--running", "re74", "--cutoff", "5000", "--confounders", "educ", "--generate", out.toString(),
                "--offline");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("no offline template for covariate-adjusted causal.rdd yet"), r.err());
        assertFalse(Files.exists(out.resolve("Pipeline.java")));
    }
}
