package io.cerebro.rag.retain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cerebro.core.error.UserInputException;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.corpus.MetadataHeader;
import io.cerebro.rag.embed.Embedder;
import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.IndexBuilder;
import io.cerebro.rag.index.RebuildProgress;
import io.cerebro.rag.index.RebuildRequest;
import io.cerebro.rag.index.RebuildSummary;
import io.cerebro.rag.index.SearchHit;
import io.cerebro.rag.index.SearchRequest;
import io.cerebro.rag.testing.HashingEmbeddingModel;
import io.cerebro.rag.testing.TestCorpora;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retaining a validated pipeline: it is written with its spec, data schema and validation record,
 * added incrementally (only its own chunks embedded), and the query the A/B agent sends for the
 * same kind of spec ranks it first, ahead of the corpus's hand-written Welch example.
 */
class RetainedCorpusTest {
    @TempDir
    Path tmp;

    private static final String CODE = """
            import java.util.List;

            /** Welch's t-test on revenue per user, generated and validated. */
            public final class Pipeline {
                /** Reads the arms and prints the difference in mean revenue with its interval. */
                public static void main(String[] args) {
                    System.out.println(welch(List.of(1.0, 2.0), List.of(2.0, 3.0)));
                }

                static double welch(List<Double> control, List<Double> treatment) {
                    return treatment.stream().mapToDouble(Double::doubleValue).average().orElse(0)
                            - control.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                }
            }
            """;

    private static RetainedExample example(String verdict) {
        Map<String, String> schema = new LinkedHashMap<>();
        schema.put("user_id", "BIGINT");
        schema.put("arm", "VARCHAR");
        schema.put("revenue", "DOUBLE");
        return new RetainedExample("ab", List.of("ab.welch"),
                "A/B test, Welch's t-test on continuous outcome revenue, arms control and treatment",
                CODE, "{\"family\":\"ab\",\"metric\":\"revenue\",\"arm\":\"arm\",\"control\":\"control\",\"method\":\"ab.welch\"}",
                schema, 4000, verdict, List.of("estimate", "ci_low", "ci_high", "p_value"), "offline templates");
    }

    @Test
    void aRetainedPipelineIsAddedIncrementallyAndRetrievedFirstForASimilarSpec() throws Exception {
        Path corpus = TestCorpora.copy("mini-corpus", tmp.resolve("corpus"));
        Path index = tmp.resolve("index");
        Embedder e = new Embedder(new HashingEmbeddingModel(), HashingEmbeddingModel.ID);
        RebuildSummary first = IndexBuilder.rebuild(new RebuildRequest(List.of(CorpusSource.folder(corpus)), index,
                HashingEmbeddingModel.ID, () -> e, RebuildProgress.NONE));
        // the query ABTestingAgent sends for a Welch spec on a continuous metric
        String agentQuery = "A/B test ab.welch welch continuous outcome revenue java";
        String before;
        try (CorpusIndex idx = CorpusIndex.open(index, () -> e)) {
            before = idx.search(SearchRequest.of(agentQuery, 1)).get(0).id();
        }

        RetainedCorpus.Retained r = RetainedCorpus.retain(index, List.of(CorpusSource.folder(corpus)), example("PASSED"),
                HashingEmbeddingModel.ID, () -> e);
        assertTrue(r.added());
        assertTrue(r.rebuild().changed(), r.rebuild().render());
        assertEquals(first.files(), r.rebuild().reusedFiles(), "every earlier file is reused: " + r.rebuild().render());
        assertEquals(r.rebuild().chunks() - first.chunks(), r.rebuild().embedded(), r.rebuild().render());

        try (CorpusIndex idx = CorpusIndex.open(index, () -> e)) {
            List<SearchHit> hits = idx.search(SearchRequest.of(agentQuery, 3));
            assertEquals(r.id(), hits.get(0).id(), "retained example first, ahead of " + before);
            assertNotEquals(r.id(), before);
            assertEquals("ab", hits.get(0).family());
            assertFalse(hits.get(0).labelInferred());
            assertEquals(List.of("ab.welch"), hits.get(0).methods());
            // the family filter the agents use finds it too
            assertEquals(r.id(), idx.search(SearchRequest.of(agentQuery, 1).withFilters("ab", null, null)).get(0).id());
        }

        // the file carries the full record
        String text = Files.readString(r.file());
        Map<?, ?> header = new ObjectMapper(new YAMLFactory()).readValue(MetadataHeader.yamlOf(text, "java").orElseThrow(), Map.class);
        Map<?, ?> record = (Map<?, ?>) header.get("retained");
        assertEquals("revenue", ((Map<?, ?>) record.get("spec")).get("metric"));
        assertEquals("DOUBLE", ((Map<?, ?>) record.get("schema")).get("revenue"));
        assertEquals("PASSED", ((Map<?, ?>) record.get("validation")).get("verdict"));
        assertEquals(4000, ((Number) record.get("rows")).intValue());
        assertTrue(text.endsWith(CODE));

        // a later plain rebuild keeps it (the retained folder is a registered source)
        RetainedCorpus.Retained again = RetainedCorpus.retain(index, List.of(CorpusSource.folder(corpus)),
                example("PASSED"), HashingEmbeddingModel.ID, () -> e);
        assertEquals(r.id(), again.id());
        assertFalse(again.added());
        assertFalse(again.rebuild().changed(), again.rebuild().render());
    }

    @Test
    void onlyAPassedPipelineCanBeRetained() {
        Embedder e = new Embedder(new HashingEmbeddingModel(), HashingEmbeddingModel.ID);
        UserInputException ex = assertThrows(UserInputException.class, () -> RetainedCorpus.retain(tmp.resolve("i"),
                List.of(), example("FAILED_NUMBERS"), HashingEmbeddingModel.ID, () -> e));
        assertTrue(ex.getMessage().contains("passed validation"), ex.getMessage());
        assertFalse(Files.exists(tmp.resolve("i").resolve("retained")));
    }
}
