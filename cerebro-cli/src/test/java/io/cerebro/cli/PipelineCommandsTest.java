package io.cerebro.cli;

import io.cerebro.cli.CliTestSupport.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro generate}, {@code cerebro validate} and {@code cerebro abtest --generate}: files, verdicts and exit codes. */
class PipelineCommandsTest {
    static Path data() throws Exception {
        return SharedFixtures.path(SharedFixtures.AB + "small_ties.csv");
    }


    @Test
    void generateWritesAValidatedPipelineAndValidateAcceptsIt(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("ab.yaml");
        Files.writeString(spec, "treatment: group\noutcome: score\nalternative: greater\n");
        Path out = dir.resolve("out");
        Run g = run("generate", "--spec", spec.toString(), "--data", data().toString(), "--out", out.toString(), "--offline", "--no-retrieval");
        assertEquals(0, g.code(), g.out() + g.err());
        assertTrue(g.out().contains("verdict:    PASSED"), g.out());
        assertTrue(g.out().contains("attempts:   1 (offline, templates)"), g.out());
        assertTrue(Files.readString(out.resolve("Pipeline.java")).contains("//DEPS org.apache.commons:commons-math3:3.6.1"));
        assertTrue(Files.readString(out.resolve("README.md")).contains("jbang Pipeline.java data.csv"));
        JsonNode v = new ObjectMapper().readTree(out.resolve("validation.json").toFile());
        assertEquals("PASSED", v.get("verdict").asText());
        assertEquals("ab.welch", v.get("method").asText());
        assertEquals(1, v.get("attempts").size());

        Run ok = run("validate", out.resolve("Pipeline.java").toString(), "--spec", spec.toString(), "--data", data().toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("PASSED"));
    }

    @Test
    void validateRejectsAHostileProgram(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("ab.yaml");
        Files.writeString(spec, "treatment: group\noutcome: score\n");
        Path program = dir.resolve("Pipeline.java");
        Files.writeString(program, "public class Pipeline { public static void main(String[] a) throws Exception {"
                + " new ProcessBuilder(\"curl\", \"http://example.com\").start(); } }");
        Run r = run("validate", program.toString(), "--spec", spec.toString(), "--data", data().toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("POLICY_VIOLATION") && r.out().contains("spawning processes"), r.out());
    }

    @Test
    void abtestGenerateWritesThePipelineBesideTheReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("gen");
        Run r = run("abtest", data().toString(), "--treatment", "group", "--outcome", "clicked", "--generate", out.toString(), "--offline");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.exists(out.resolve("Pipeline.java")));
        assertTrue(r.out().contains("verdict:    PASSED"), r.out());
        // retrieval from the default index (built on first use into the test cache, see the pom)
        String validation = Files.readString(out.resolve("validation.json"));
        assertTrue(validation.matches("(?s).*\"retrievedExampleIds\" : \\[ \"ab-.*"), validation);
        // a second run must not silently replace it; --force does; a file is not a folder
        String before = Files.readString(out.resolve("Pipeline.java"));
        CliTestSupport.badInput(run("abtest", data().toString(), "--treatment", "group", "--outcome", "clicked", "--generate",
                out.toString(), "--offline", "--no-retrieval"), "already holds a pipeline", "--force");
        assertEquals(before, Files.readString(out.resolve("Pipeline.java")));
        Run forced = run("abtest", data().toString(), "--treatment", "group", "--outcome", "score", "--generate",
                out.toString(), "--offline", "--no-retrieval", "--force");
        assertEquals(0, forced.code(), forced.out() + forced.err());
        assertTrue(Files.readString(out.resolve("validation.json")).contains("\"method\" : \"ab.welch\""));
        Path file = dir.resolve("afile");
        Files.writeString(file, "x");
        CliTestSupport.badInput(run("causal", data().toString(), "--treatment", "group", "--outcome", "score",
                "--generate", file.toString(), "--offline"), "is a file, not a folder");
    }

    @Test
    void badInputIsExitCodeTwo(@TempDir Path dir) throws Exception {
        Run r = run("generate", "--spec", dir.resolve("missing.yaml").toString(), "--data", data().toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("spec file not found"), r.err());
    }
}
