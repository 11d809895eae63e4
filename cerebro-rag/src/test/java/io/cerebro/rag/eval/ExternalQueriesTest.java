package io.cerebro.rag.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation set over external repositories ({@code rag-corpus/eval/external_queries.jsonl}) is
 * what docs/retrieval.md says it is: at least 100 queries over the five named repositories, each
 * with the repository it is about and at least one relevant file given as a path inside it, no query
 * repeated, none copied from the bundled sets, and readable by {@code cerebro corpus eval}. The
 * retrieval figures on it need the repositories themselves, so they are a benchmark, not a test.
 */
class ExternalQueriesTest {
    private static final Path EVAL = RepositoryCorpus.ROOT.resolve("eval");
    private static final Set<String> SOURCES = Set.of("causalml", "EconML", "CausalPy", "GeoLift", "Robyn");

    @Test
    void theExternalSetHoldsAtLeastAHundredWellFormedQueries() throws Exception {
        Path file = EVAL.resolve("external_queries.jsonl");
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> perSource = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        for (String line : lines) {
            JsonNode q = json.readTree(line);
            String source = q.path("source").asText();
            assertTrue(SOURCES.contains(source), line);
            perSource.merge(source, 1, Integer::sum);
            assertTrue(seen.add(q.get("query").asText()), "repeated query: " + line);
            assertTrue(q.get("relevant").size() >= 1, line);
            for (JsonNode rel : q.get("relevant")) {
                String p = rel.asText();
                assertFalse(p.startsWith("/") || p.contains(".."), "relevant files are paths inside the repository: " + line);
                assertTrue(p.matches(".*\\.(py|R|r|Rmd|qmd|md|ipynb|sql)$"), "not a file type the corpus reads: " + line);
            }
        }
        assertTrue(lines.size() >= 100, "only " + lines.size() + " queries");
        assertEquals(SOURCES, perSource.keySet(), perSource.toString());
        assertEquals(lines.size(), EvalQueries.read(file).size());
        for (String bundled : List.of("queries.jsonl", "heldout_queries.jsonl")) {
            for (EvalQuery q : EvalQueries.read(EVAL.resolve(bundled))) {
                assertFalse(seen.contains(q.query()), "copied from " + bundled + ": " + q.query());
            }
        }
    }
}
