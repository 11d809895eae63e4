package io.cerebro.rag.index;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.embed.EmbeddingModels;
import io.cerebro.rag.eval.EvalQueries;
import io.cerebro.rag.eval.EvalQuery;
import io.cerebro.rag.eval.RetrievalEvaluation;
import io.cerebro.rag.retrieve.CorpusContentRetriever;
import io.cerebro.rag.testing.TestCorpora;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real all-MiniLM-L6-v2 model over the small test corpus: mechanics of the three modes, evaluation and the retriever. */
class HybridRetrievalTest {
    @TempDir
    static Path tmp;
    static CorpusIndex index;

    @BeforeAll
    static void build() {
        Path idx = tmp.resolve("idx");
        IndexBuilder.rebuild(new RebuildRequest(List.of(CorpusSource.folder(TestCorpora.resource("mini-corpus"))), idx,
                EmbeddingModels.DEFAULT_MODEL_ID, EmbeddingModels::defaultEmbedder, RebuildProgress.NONE));
        index = CorpusIndex.open(idx, EmbeddingModels::defaultEmbedder);
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    @Test
    void embeddingsAreUnitLength384() {
        float[] v = EmbeddingModels.defaultEmbedder().embed("propensity score matching");
        assertEquals(384, v.length);
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        assertEquals(1.0, s, 1e-4);
    }

    @Test
    void vectorSearchFindsParaphrasesThatShareNoWords() {
        List<SearchHit> hits = index.search(SearchRequest.of("which shoppers react to a discount voucher", 3)
                .withMode(SearchMode.VECTOR));
        assertEquals("uplift-t-learner-notebook", hits.get(0).id(), hits.toString());
        assertNull(hits.get(0).bm25Rank());
        assertEquals(1, hits.get(0).vectorRank());
        assertTrue(hits.get(0).score() > 0 && hits.get(0).score() <= 1, "cosine similarity");
    }

    @Test
    void bm25FindsExactIdentifiers() {
        List<SearchHit> hits = index.search(SearchRequest.of("mannwhitneyu", 3).withMode(SearchMode.BM25));
        assertEquals("ab-mann-whitney-python", hits.get(0).id());
        assertEquals(1, hits.size(), "only one example contains the identifier");
        assertEquals("function", hits.get(0).chunkKind());
        assertEquals("mann_whitney", hits.get(0).chunkName());
    }

    @Test
    void hybridReportsBothRanksAndTheFusedScore() {
        SearchRequest req = SearchRequest.of("welch t-test revenue", 5);
        List<SearchHit> hits = index.search(req);
        SearchHit top = hits.get(0);
        assertEquals("ab-welch-revenue", top.id());
        assertNotNull(top.bm25Rank());
        assertNotNull(top.vectorRank());
        double k = ReciprocalRankFusion.DEFAULT_K;
        double expected = 1.0 / (k + top.bm25Rank()) + 1.0 / (k + top.vectorRank());
        assertEquals(expected, top.score(), 1e-12);
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
        }
    }

    @Test
    void contentRetrieverCarriesTheCorpusMetadataKeys() {
        List<Content> contents = CorpusContentRetriever.builder(index).maxResults(2).family("causal").build()
                .retrieve(Query.from("propensity score matching with a caliper"));
        assertEquals(2, contents.size());
        var m = contents.get(0).textSegment().metadata();
        assertEquals("causal-psm-caliper", m.getString("id"));
        assertEquals("Propensity score matching with a caliper", m.getString("title"));
        assertEquals("causal", m.getString("family"));
        assertEquals("causal.psm", m.getString("methods"));
        assertEquals("java", m.getString("language"));
        assertTrue(m.getString("path").endsWith("java/causal/PropensityMatching.java"), m.getString("path"));
        assertTrue(contents.get(0).textSegment().text().contains("caliper"));
    }

    @Test
    void evaluationMechanicsOnTheTestQueries() {
        List<EvalQuery> queries = EvalQueries.read(TestCorpora.resource("mini-corpus/eval/queries.jsonl"));
        RetrievalEvaluation.Report r = RetrievalEvaluation.run(index, queries, SearchRequest.of("x", 10), false);
        assertEquals(12, r.of(SearchMode.HYBRID).queries());
        assertTrue(r.unknownIds().isEmpty(), r.unknownIds().toString());
        // on this small corpus every mode finds nearly everything; hybrid must too
        assertTrue(r.of(SearchMode.HYBRID).recall5() >= 0.9, r.render());
        assertTrue(r.render().contains("nDCG@10"));
        RetrievalEvaluation.Report filtered = RetrievalEvaluation.run(index, queries, SearchRequest.of("x", 10), true);
        assertTrue(filtered.of(SearchMode.HYBRID).recall5() >= r.of(SearchMode.HYBRID).recall5() - 1e-12, filtered.render());
        System.out.println(r.render());
    }
}
