package io.cerebro.cli;

import io.cerebro.cli.CliTestSupport.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusCommandTest {
    @TempDir
    static Path tmp;
    static Path corpus;
    static Path index;


    @BeforeAll
    static void corpus() throws IOException {
        corpus = tmp.resolve("examples");
        Files.createDirectories(corpus.resolve("ab"));
        Files.writeString(corpus.resolve("ab/Welch.java"), """
                /*---
                id: ab-welch
                title: Welch's t-test on revenue per user
                family: ab
                methods: [ab.welch]
                language: java
                description: Compares mean revenue between arms without assuming equal variances.
                ---*/
                import org.apache.commons.math3.stat.inference.TTest;

                public class Welch {
                    /** Two-sided p-value. */
                    static double p(double[] a, double[] b) {
                        return new TTest().tTest(a, b);
                    }
                }
                """);
        Files.writeString(corpus.resolve("ab/srm.py"), """
                # ---
                # id: ab-srm
                # title: Sample ratio mismatch check
                # family: ab
                # methods: [ab.srm]
                # language: python
                # description: A chi-square goodness-of-fit test that the traffic split matches the design.
                # ---
                from scipy.stats import chisquare


                def srm_p_value(counts, expected):
                    return chisquare(counts, expected).pvalue
                """);
        Files.writeString(corpus.resolve("did.md"), """
                ---
                id: causal-did
                title: Difference-in-differences
                family: causal
                methods: [causal.did]
                language: markdown
                description: Effect of a policy on treated states compared with untreated states over time.
                ---
                # Difference-in-differences

                Compare the change in treated units with the change in control units; check parallel trends.
                """);
        Files.write(corpus.resolve("logo.py"), new byte[]{0, 1, 2, 3});
        index = tmp.resolve("index");
        Run r = run("corpus", "rebuild", "--no-bundled", "--source", corpus.toString(), "--index", index.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("index rebuilt"), r.out());
        assertTrue(r.out().contains("files 3, chunks"), r.out());
        assertTrue(r.out().contains("binary file (1)"), r.out());
        assertEquals("", r.err(), "quiet when not on a terminal");
    }

    @Test
    void secondRebuildReportsUpToDate() {
        Run r = run("corpus", "rebuild", "--no-bundled", "--source", corpus.toString(), "--index", index.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("index up to date"), r.out());
        assertTrue(r.out().contains("re-embedded 0 chunks"), r.out());
    }

    @Test
    void searchPrintsJsonHitsWithRanks() throws IOException {
        Run r = run("corpus", "search", "welch", "t-test", "revenue", "--index", index.toString(), "--format", "json", "--k", "2");
        assertEquals(0, r.code(), r.err());
        JsonNode hits = new ObjectMapper().readTree(r.out());
        assertEquals(2, hits.size());
        JsonNode top = hits.get(0);
        assertEquals("ab-welch", top.get("id").asText());
        assertEquals("Welch's t-test on revenue per user", top.get("title").asText());
        assertEquals("ab", top.get("family").asText());
        assertEquals("ab.welch", top.get("methods").get(0).asText());
        assertEquals("java", top.get("language").asText());
        assertTrue(top.get("path").asText().endsWith("Welch.java"));
        assertEquals(1, top.get("bm25Rank").asInt());
        assertTrue(top.get("vectorRank").isInt());
        assertTrue(top.get("score").asDouble() > 0);
    }

    @Test
    void searchFiltersAndModes() {
        Run r = run("corpus", "search", "policy effect", "--index", index.toString(), "--family", "causal", "--mode", "bm25");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("causal-did"), r.out());
        assertFalse(r.out().contains("ab-welch"), r.out());
        assertTrue(r.out().contains("vector #-"), r.out());
    }

    @Test
    void statsAndEval() throws IOException {
        Run s = run("corpus", "stats", "--index", index.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("examples   3"), s.out());
        assertTrue(s.out().contains("families   ab 2, causal 1"), s.out());
        Path q = tmp.resolve("q.jsonl");
        Files.writeString(q, """
                {"query": "is the traffic split broken", "relevant": ["ab-srm"], "family": "ab"}
                {"query": "policy in some states", "relevant": ["causal-did"]}
                """);
        Run e = run("corpus", "eval", "--queries", q.toString(), "--index", index.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("hybrid"), e.out());
        assertTrue(e.out().contains("nDCG@10"), e.out());
        assertTrue(e.out().contains("2 queries"), e.out());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws IOException {
        assertBad(run("corpus", "search", "", "--index", index.toString()), "the search query is empty");
        assertBad(run("corpus", "search", "--index", index.toString()), "the search query is empty");
        assertBad(run("corpus", "search", "t test", "--family", "astrology", "--index", index.toString()),
                "unknown family 'astrology'");
        assertBad(run("corpus", "rebuild", "--no-bundled", "--source", tmp.resolve("missing").toString(),
                "--index", tmp.resolve("i2").toString()), "does not exist");
        assertBad(run("corpus", "search", "t test", "--index", tmp.resolve("no-index").toString()),
                "build it with: cerebro corpus rebuild --index");
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("CURRENT"), "gen-000001\n");
        assertBad(run("corpus", "stats", "--index", broken.toString()), "rebuild it with: cerebro corpus rebuild --index");
        assertBad(run("corpus", "eval", "--queries", tmp.resolve("none.jsonl").toString(), "--index", index.toString()),
                "cannot read evaluation queries");
        assertBad(run("corpus", "search", "x", "--mode", "fuzzy", "--index", index.toString()), "--mode");
        try (var lock = new io.cerebro.rag.index.IndexLayout(index).lock()) {
            assertBad(run("corpus", "rebuild", "--no-bundled", "--source", corpus.toString(), "--index", index.toString()),
                    "is locked by another rebuild");
        }
    }

    @Test
    void addedSourcesAreRebuiltAndHeaderlessFilesShowAnInferredFamily() throws IOException {
        Path geo = tmp.resolve("geo-r");
        Files.createDirectories(geo);
        Files.writeString(geo.resolve("power.R"), """
                #' Power of a geo experiment over candidate treatment markets
                geo_power <- function(data, markets) {
                  fit <- augsynth::augsynth(Y ~ D, unit = location, time = time, data = data)
                  summary(fit)$average_att
                }
                """);
        Path idx = tmp.resolve("index-added");
        Run a = run("corpus", "add", corpus.toString(), "--name", "examples", "--license", "MIT", "--index", idx.toString());
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().startsWith("registered source examples"), a.out());
        assertEquals(0, run("corpus", "add", geo.toString(), "--name", "geo-r", "--license", "MIT", "--index",
                idx.toString()).code());
        Run r = run("corpus", "rebuild", "--no-bundled", "--index", idx.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("files 4, chunks"), r.out());
        Run s = run("corpus", "search", "geo markets power", "--family", "geo", "--index", idx.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("power.R") && s.out().contains("geo (inferred, "), s.out());
        assertBad(run("corpus", "add", geo.toString(), "--name", "geo-r", "--license", "MIT", "--index", idx.toString()),
                "already registered");
    }

    private static void assertBad(Run r, String fragment) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    /**
     * {@code objective: {cerebro: corpus-eval}}: a 3-trial study on this index; each trial's value is
     * the hybrid metric {@code corpus eval} prints at the trial's RRF constant and BM25 weight.
     */
    @Test
    void tuneRunsTheCorpusEvalObjectiveInProcess() throws IOException {
        Path q = tmp.resolve("tune-q.jsonl");
        Files.writeString(q, """
                {"query": "is the traffic split broken", "relevant": ["ab-srm"]}
                {"query": "policy in some states", "relevant": ["causal-did"]}
                {"query": "unequal variances revenue", "relevant": ["ab-welch"]}
                """);
        Path study = tmp.resolve("rrf.yaml");
        Files.writeString(study, "name: rrf\nobjective: {cerebro: corpus-eval, metric: recall@1, queries: tune-q.jsonl, index: " + index + "}\n"
                + "parameter_space:\n  rrf_k: {type: float, range: [0, 60]}\n  bm25_weight: {type: float, range: [0.05, 3]}\n"
                + "sampler: random\ntrials: 3\nseed: 2\njournal: rrf.jsonl\n");
        Run r = run("tune", study.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(3, j.path("trials").size());
        for (com.fasterxml.jackson.databind.JsonNode t : j.path("trials")) {
            Run e = run("corpus", "eval", "--queries", q.toString(), "--index", index.toString(), "--format", "json",
                    "--rrf-k", t.path("params").path("rrf_k").asText(), "--bm25-weight", t.path("params").path("bm25_weight").asText());
            assertEquals(0, e.code(), e.err());
            double expected = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.out()).path("modes").path("hybrid").path("recall@1").asDouble();
            assertEquals(expected, t.path("values").get(0).asDouble(), 1e-12, t.toString());
        }
        Files.writeString(study, "name: rrf2\nobjective: {cerebro: corpus-eval, queries: tune-q.jsonl, index: " + index + "}\n"
                + "parameter_space:\n  depth: {type: int, range: [1, 5]}\ntrials: 2\njournal: rrf2.jsonl\n");
        Run bad = run("tune", study.toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("parameter_space.depth is not a setting of the corpus-eval objective"), bad.err());
    }
}
