package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro generate --retain}: a validated pipeline joins the default corpus index with its
 * family and method, so that a search for the same kind of analysis finds it; retaining it again adds
 * nothing. Runs the command line as child processes with a cache folder of their own, so the shared
 * test index of the other CLI tests is not changed.
 */
class RetainCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out) {
    }

    private Result cerebro(String... args) throws Exception {
        ProcessBuilder pb = io.cerebro.core.testing.ChildJvm.of(512, CerebroCommand.class, args).redirectErrorStream(true);
        pb.environment().put("CEREBRO_CACHE_DIR", dir.resolve("cache").toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "cerebro " + String.join(" ", args) + " did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void aValidatedPipelineIsRetainedOnceAndRetrievedByItsFamily() throws Exception {
        Path spec = dir.resolve("ab.yaml");
        Files.writeString(spec, "treatment: group\noutcome: score\nalternative: greater\n");
        String data = SharedFixtures.path(SharedFixtures.AB + "small_ties.csv").toString();

        Result first = cerebro("generate", "--spec", spec.toString(), "--data", data, "--out", dir.resolve("p1").toString(),
                "--offline", "--retain");
        assertEquals(0, first.code(), first.out());
        assertTrue(first.out().contains("verdict:    PASSED"), first.out());
        assertTrue(first.out().contains("retained:   added to the corpus as retained-ab-welch"), first.out());
        Path retainedDir = dir.resolve("cache").resolve("retained");
        try (var files = Files.walk(retainedDir)) {
            List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertEquals(1, java.size(), java.toString());
            String text = Files.readString(java.get(0));
            assertTrue(text.contains("family: ab") && text.contains("ab.welch"), text);
        }

        Result again = cerebro("generate", "--spec", spec.toString(), "--data", data, "--out", dir.resolve("p2").toString(),
                "--offline", "--retain");
        assertEquals(0, again.code(), again.out());
        assertTrue(again.out().contains("retained:   already in the corpus as retained-ab-welch"), again.out());

        Result search = cerebro("corpus", "search", "one-sided welch test of score by group", "--family", "ab", "--k", "10",
                "--format", "json");
        assertEquals(0, search.code(), search.out());
        String json = search.out().substring(search.out().indexOf('['));
        JsonNode hits = new ObjectMapper().readTree(json);
        boolean found = false;
        for (JsonNode h : hits) {
            found |= h.get("id").asText().startsWith("retained-ab-welch");
        }
        assertTrue(found, search.out());

        Result noRetain = cerebro("generate", "--spec", spec.toString(), "--data", data, "--out", dir.resolve("p3").toString(),
                "--offline");
        assertFalse(noRetain.out().contains("retained:"), noRetain.out());
    }
}
