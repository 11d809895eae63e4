package io.cerebro.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.agents.bench.BenchEnvironment;
import io.cerebro.agents.bench.BenchSpec;
import io.cerebro.agents.bench.BenchSuite;
import io.cerebro.agents.bench.CaseResult;
import io.cerebro.agents.bench.GenerationBench;
import io.cerebro.agents.bench.ReplayEndpoint;
import io.cerebro.agents.improve.Strategy;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.cli.CliTestSupport;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro agents bench}: offline on the power cases, an LLM run on the replay endpoint, bad flags. */
class AgentsBenchCommandTest {
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void offlineBenchOfOneFamilyPrintsItsFigures() throws Exception {
        CliTestSupport.Run r = CliTestSupport.run("agents", "bench", "--families", "power", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        JsonNode power = n.get("families").get(0);
        assertEquals("power", power.get("family").asText());
        assertEquals(6, power.get("cases").asInt());
        assertEquals(1.0, power.get("passRate").asDouble());
        assertEquals(1.0, power.get("meanAttempts").asDouble());
        assertEquals(6, power.get("plantedRecovered").asInt());
        assertEquals(0, power.get("tokens").asInt());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aRetrievalStrategyRecordsExamplesOfTheRealIndexAndStillValidatesEveryCase(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("bench-index");
        CliTestSupport.Run r = CliTestSupport.run("agents", "bench", "--cases", "ab-welch,ab-z-proportions,power-means-n",
                "--strategy", "offline/hybrid-k10/ranked/standard/a1", "--index", dir.toString(), "--no-retain", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(dir.resolve("retained")), "--no-retain retains nothing");
        JsonNode n = new ObjectMapper().readTree(r.out());
        java.util.Set<String> indexed;
        // the default index of the bundled corpus, built into the test cache: the bench's own index holds the same examples
        try (io.cerebro.rag.index.CorpusIndex index = io.cerebro.rag.index.DefaultIndex.open()) {
            indexed = index.exampleIds();
        }
        JsonNode cases = n.get("cases");
        assertEquals(3, cases.size());
        for (JsonNode c : cases) {
            assertTrue(c.get("validated").asBoolean(), c.toString());
            assertEquals("offline/hybrid-k10/ranked/standard/a1", c.get("strategy").asText());
            JsonNode ex = c.get("examples");
            assertTrue(ex.size() >= 1 && ex.size() <= 3, c.toString());
            String prefix = c.get("family").asText() + "-";
            for (JsonNode id : ex) {
                assertTrue(indexed.contains(id.asText()), id.asText() + " is not in the default index");
                assertTrue(id.asText().startsWith(prefix), id.asText() + " is not an example of " + prefix);
            }
        }
        assertEquals(1.0, n.get("families").get(n.get("families").size() - 1).get("passRate").asDouble());
        CliTestSupport.Run bad = CliTestSupport.run("agents", "bench", "--cases", "ab-nope");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--cases: 'ab-nope' is not a case"), bad.err());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void offlineValidatedPipelinesAreRetainedSoTheNextRoundRetrievesThem(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("bench-index");
        CliTestSupport.Run r = CliTestSupport.run("agents", "bench", "--cases", "ab-welch", "--rounds", "2",
                "--strategy", "offline/hybrid-k10/ranked/standard/a1", "--index", dir.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode cases = new ObjectMapper().readTree(r.out()).get("cases");
        assertEquals(2, cases.size());
        for (JsonNode id : cases.get(0).get("examples")) {
            assertFalse(id.asText().startsWith("retained-"), "round 1 retrieves only bundled examples: " + cases.get(0));
        }
        // round 2 retrieves the pipeline round 1 validated, first (it names the headline method ab.welch)
        String first = cases.get(1).get("examples").get(0).asText();
        assertTrue(first.startsWith("retained-ab-welch-"), cases.get(1).toString());
        assertTrue(cases.get(1).get("validated").asBoolean());
        Path file;
        try (Stream<Path> s = Files.list(dir.resolve("retained").resolve("ab"))) {
            List<Path> files = s.toList();
            assertEquals(1, files.size(), files.toString());
            file = files.get(0);
        }
        String text = Files.readString(file);
        assertTrue(text.contains(first) && text.contains("ab.welch") && text.contains("PASSED"), text);
        // one retain line: only the new file was embedded, every bundled file reused
        List<String> lines = r.err().lines().filter(l -> l.startsWith("retained ")).toList();
        assertEquals(1, lines.size(), r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("; (\\d+) of (\\d+) files reused").matcher(lines.get(0));
        assertTrue(m.find(), lines.get(0));
        assertEquals(Integer.parseInt(m.group(2)) - 1, Integer.parseInt(m.group(1)), lines.get(0));
        // the user's default index was not touched
        assertFalse(Files.exists(io.cerebro.rag.index.DefaultIndex.retainedFolder()));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void anLlmBenchOnTheReplayEndpointCountsRepairs() throws Exception {
        List<BenchSpec> cases = BenchSuite.of(List.of("power")).subList(0, 2);
        Map<String, String> programs = new HashMap<>();
        try (GenerationBench offline = new GenerationBench(BenchEnvironment.offline(new SandboxLimits(Duration.ofSeconds(60), 256)))) {
            List<CaseResult> results = offline.run(cases, Strategy.OFFLINE, 1).cases();
            for (int i = 0; i < cases.size(); i++) {
                programs.put(SpecReader.toYaml(cases.get(i).spec()).strip() + "\n", results.get(i).code());
            }
        }
        ReplayEndpoint.Responder responder = ex -> {
            String code = programs.get(ex.specYaml());
            if (code == null) {
                return "no recording";
            }
            return ex.attempt() == 0 ? "```java\n" + code.replace("public static void main", "public static void mian") + "\n```"
                    : "```java\n" + code + "\n```";
        };
        try (ReplayEndpoint endpoint = new ReplayEndpoint(responder)) {
            CliTestSupport.Run r = CliTestSupport.run("agents", "bench", "--families", "power", "--llm", endpoint.baseUrl(),
                    "--model", "replay", "--strategy", "llm/none/ranked/standard/a3");
            assertEquals(0, r.code(), r.err());
            // the two recorded cases are repaired once; the other four have no recording and fail three times
            assertTrue(r.out().contains("strategy llm/none/ranked/standard/a3"), r.out());
            assertTrue(r.out().matches("(?s).*power\\s+6\\s+2\\s+33\\.3%\\s+2\\.00\\s+2\\s.*"), r.out());
            assertEquals(2 * 2 + 4 * 3, endpoint.requests().size());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void selectionRecordsOutcomesThatStrategiesReports(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path store = dir.resolve("experience.jsonl");
        CliTestSupport.Run r = CliTestSupport.run("agents", "bench", "--families", "power", "--select", "--experience", store.toString(),
                "--rounds", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("power: offline/none/ranked/standard/a1"), r.out());
        assertEquals(12, java.nio.file.Files.readAllLines(store).size());
        CliTestSupport.Run s = CliTestSupport.run("agents", "strategies", "--experience", store.toString());
        assertEquals(0, s.code(), s.err());
        // 12 of 12 validated: posterior mean (12 + 1) / (12 + 2)
        assertTrue(s.out().matches("(?s).*power\\s+offline/none/ranked/standard/a1\\s+12\\s+12\\s+0\\.929.*"), s.out());
        CliTestSupport.badInput(CliTestSupport.run("agents", "strategies", "--experience", dir.resolve("none.jsonl").toString()), "not found");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void evolveRecordsTheBaseVersionWhenNothingFails(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<BenchSpec> cases = BenchSuite.of(List.of("power"));
        Map<String, String> programs = new HashMap<>();
        try (GenerationBench offline = new GenerationBench(BenchEnvironment.offline(new SandboxLimits(Duration.ofSeconds(60), 256)))) {
            List<CaseResult> results = offline.run(cases, Strategy.OFFLINE, 2).cases();
            for (int i = 0; i < cases.size(); i++) {
                programs.put(SpecReader.toYaml(cases.get(i).spec()).strip() + "\n", results.get(i).code());
            }
        }
        java.nio.file.Path book = dir.resolve("prompts.jsonl");
        try (ReplayEndpoint endpoint = new ReplayEndpoint(ex -> "```java\n" + programs.get(ex.specYaml()) + "\n```")) {
            CliTestSupport.Run r = CliTestSupport.run("agents", "evolve", "--families", "power", "--llm", endpoint.baseUrl(),
                    "--model", "replay", "--prompts", book.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("generation 1: pass rate power 100.0%"), r.out());
            assertTrue(r.out().contains("power    version 0, pass rate 100.0% on 6 cases, 0 amendment(s)"), r.out());
            assertEquals(1, java.nio.file.Files.readAllLines(book).size());
            CliTestSupport.Run b = CliTestSupport.run("agents", "bench", "--families", "power", "--llm", endpoint.baseUrl(),
                    "--model", "replay", "--prompts", book.toString(), "--strategy", "llm/none/ranked/standard/a1");
            assertEquals(0, b.code(), b.err());
            assertTrue(b.out().matches("(?s).*power\\s+6\\s+6\\s+100\\.0%.*"), b.out());
        }
        CliTestSupport.badInput(CliTestSupport.run("agents", "evolve", "--prompts", book.toString()), "needs an LLM");
        CliTestSupport.badInput(CliTestSupport.run("agents", "bench", "--prompts", dir.resolve("none.jsonl").toString()), "not found");
    }

    @Test
    void badFlagsAreOneLine() {
        CliTestSupport.badInput(CliTestSupport.run("agents", "bench", "--families", "nope"), "nope", "ab");
        CliTestSupport.badInput(CliTestSupport.run("agents", "bench", "--strategy", "llm/x"), "--strategy");
        CliTestSupport.badInput(CliTestSupport.run("agents", "bench", "--llm", "http://127.0.0.1:9/v1"), "--model");
        CliTestSupport.badInput(CliTestSupport.run("agents", "bench", "--format", "xml"), "--format");
        CliTestSupport.badInput(CliTestSupport.run("agents", "bench", "--families", "power", "--strategy", "llm/none/ranked/standard/a2"),
                "needs an LLM");
        CliTestSupport.badInput(CliTestSupport.run("agents", "bench", "--select", "--strategy", "offline/none/ranked/standard/a1"), "--select");
        CliTestSupport.badInput(CliTestSupport.run("agents", "bench", "--strategies", "offline/none/ranked/standard/a1"), "--select");
        CliTestSupport.badInput(CliTestSupport.run("agents", "bench", "--rounds", "0"), "--rounds");
    }
}
