package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro bandit} on the bundled examples (tools/bandit_examples.py, seed 7). Oracles: P(best)
 * sums to 1 and the Thompson posterior is Beta(1 + successes, 1 + failures) of the counted CSV;
 * the log's target policy has the planted value 0.425; bad input exits 2 with one line.
 */
class BanditCommandTest {
    private static final String PULLS = CliTestSupport.repoFile("examples/bandit/pulls.csv").toString();
    private static final String LOG = CliTestSupport.repoFile("examples/bandit/log.csv").toString();

    private static JsonNode json(Run r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void recommendPrintsOneEstimatePerArm() throws Exception {
        JsonNode j = json(run("bandit", "recommend", PULLS, "--arm", "arm", "--reward", "reward", "--format", "json"));
        assertEquals("bandit.thompson", j.get("method").asText());
        double sum = 0;
        for (JsonNode e : j.get("estimates")) sum += e.get("estimate").asDouble();
        assertEquals(1, sum, 1e-6);
        JsonNode c = j.get("estimates").get(2);
        assertEquals("C", c.get("label").asText());
        // 182 pulls of C with 16 successes in the CSV -> Beta(17, 167)
        assertEquals(17, c.get("extra").get("posterior_alpha").asDouble(), 1e-12);
        assertEquals(167, c.get("extra").get("posterior_beta").asDouble(), 1e-12);
    }

    @Test
    void evaluateCoversThePlantedValue() throws Exception {
        JsonNode j = json(run("bandit", "evaluate", LOG, "--action", "arm", "--reward", "clicked",
                "--propensity", "p", "--context", "segment,score", "--target", "new_policy", "--format", "json"));
        for (JsonNode e : j.get("estimates")) {
            assertTrue(e.get("interval").get("lower").asDouble() < 0.425 && 0.425 < e.get("interval").get("upper").asDouble(), e.toString());
        }
    }

    @Test
    void simulateRunsWithoutData() throws Exception {
        JsonNode j = json(run("bandit", "simulate", "--arms", "0.3,0.5", "--horizon", "2000", "--runs", "10", "--format", "json"));
        assertEquals(3, j.get("estimates").size());
        assertTrue(j.get("details").get("lai_robbins").isArray());
    }

    @Test
    void simulateTakesGaussianArmsFromAFileAndWritesAReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("sim.html");
        JsonNode j = json(run("bandit", "simulate", "--arms-file", CliTestSupport.repoFile("examples/bandit/gaussian_arms.csv").toString(),
                "--horizon", "1000", "--runs", "5", "--algorithms", "ucb1,thompson", "--format", "json", "--report", report.toString()));
        assertEquals("[\"small\",\"medium\",\"large\"]", j.get("details").get("arms").toString());
        // Gaussian constant sum 2 sd^2 / gap with sd 2: 8/1 + 8/0.5
        assertEquals(24, j.get("details").get("lai_robbins_constant").asDouble(), 1e-12);
        String html = Files.readString(report);
        assertTrue(html.contains("Cumulative regret") && html.contains("Share of each run"), "report lacks the regret or pull-share chart");
        Run both = run("bandit", "simulate", "--arms", "0.1,0.2", "--arms-file", "x.csv");
        assertEquals(2, both.code());
        Run gaussianMeans = run("bandit", "simulate", "--arms", "3,5", "--sd", "1", "--horizon", "100", "--runs", "2", "--format", "json");
        assertEquals(0, gaussianMeans.code(), gaussianMeans.err());
    }

    @Test
    void recommendWithAWindowAndFromAggregates() throws Exception {
        JsonNode j = json(run("bandit", "recommend", PULLS, "--arm", "arm", "--reward", "reward", "--algorithm", "ucb1",
                "--window", "100", "--format", "json"));
        double pulls = 0;
        for (JsonNode e : j.get("estimates")) pulls += e.get("extra").get("pulls").asDouble();
        assertEquals(100, pulls, 1e-9);
        JsonNode agg = json(run("bandit", "recommend", CliTestSupport.repoFile("examples/bandit/arms.csv").toString(), "--arm", "arm",
                "--count", "pulls", "--successes", "clicks", "--format", "json"));
        // the aggregates of pulls.csv: C has 182 pulls and 16 clicks, so Beta(17, 167)
        assertEquals(17, agg.get("estimates").get(2).get("extra").get("posterior_alpha").asDouble(), 1e-12);
    }

    @Test
    void aMissingColumnIsReportedUnderItsFlag() {
        Run r = run("bandit", "evaluate", LOG, "--action", "arm", "--reward", "clicked", "--propensity", "prob", "--target-arm", "B");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--propensity"), r.err());
        assertFalse(r.err().contains("columns="), r.err());
    }

    @Test
    void generateWritesAValidatedPipelineForEvaluate(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ope");
        Run r = run("bandit", "evaluate", LOG, "--action", "arm", "--reward", "clicked", "--propensity", "p",
                "--context", "segment,score", "--target", "new_policy", "--generate", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.exists(out.resolve("Pipeline.java")));
        JsonNode v = new ObjectMapper().readTree(out.resolve("validation.json").toFile());
        assertTrue(v.toString().contains("\"synthetic\""), v.toString());
    }

    @Test
    void generateRefusesAnAlgorithmTheTemplateDoesNotWrite(@TempDir Path dir) {
        Run r = run("bandit", "recommend", PULLS, "--arm", "arm", "--reward", "reward", "--algorithm", "softmax",
                "--generate", dir.resolve("p").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("ucb1, thompson and epsilon_greedy"), r.err());
    }

    @Test
    void badInputIsOneLineWithExitCode2() {
        for (String[] args : new String[][] {
                {"bandit", "recommend", PULLS, "--arm", "arm", "--reward", "nope"},
                {"bandit", "evaluate", LOG, "--action", "arm", "--reward", "clicked", "--propensity", "clicked", "--target-arm", "B"},
                {"bandit", "evaluate", LOG, "--action", "arm", "--reward", "clicked", "--propensity", "p", "--target-arm", "Z"},
                {"bandit", "recommend", LOG, "--arm", "arm", "--reward", "score"},
                {"bandit", "simulate", "--arms", "0.3,1.2"}}) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }
}
