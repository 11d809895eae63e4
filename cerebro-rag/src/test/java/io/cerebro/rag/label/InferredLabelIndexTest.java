package io.cerebro.rag.label;

import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.embed.Embedder;
import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.IndexBuilder;
import io.cerebro.rag.index.RebuildProgress;
import io.cerebro.rag.index.RebuildRequest;
import io.cerebro.rag.index.SearchHit;
import io.cerebro.rag.index.SearchRequest;
import io.cerebro.rag.testing.HashingEmbeddingModel;
import io.cerebro.rag.testing.TestCorpora;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A header-less file gets an inferred family that the family filter uses and search hits flag. */
class InferredLabelIndexTest {
    @Test
    void headerlessGeoScriptIsFilteredAsGeoAndFlaggedInferred(@TempDir Path tmp) throws IOException {
        Path corpus = TestCorpora.copy("mini-corpus", tmp.resolve("corpus"));
        Files.copy(TestCorpora.resource("chunk-formats").resolve("geo_power.R"), corpus.resolve("geo_power.R"));
        Embedder embedder = new Embedder(new HashingEmbeddingModel(), HashingEmbeddingModel.ID);
        Path index = tmp.resolve("index");
        IndexBuilder.rebuild(new RebuildRequest(List.of(CorpusSource.folder(corpus)), index, HashingEmbeddingModel.ID,
                () -> embedder, RebuildProgress.NONE));
        try (CorpusIndex idx = CorpusIndex.open(index, () -> embedder)) {
            List<SearchHit> geo = idx.search(SearchRequest.of("power of a geo experiment", 5).withFilters("geo", null, null));
            assertEquals(1, geo.size(), geo.toString());
            SearchHit h = geo.get(0);
            assertEquals("geo_power.R", h.id());
            assertTrue(h.labelInferred());
            assertTrue(h.labelConfidence() >= ContentLabeller.MIN_CONFIDENCE && h.labelConfidence() <= 1, h.toString());
            List<SearchHit> ab = idx.search(SearchRequest.of("welch t-test revenue", 5).withFilters("ab", null, null));
            assertFalse(ab.isEmpty());
            assertTrue(ab.stream().filter(x -> x.id().equals("ab-welch-revenue")).allMatch(x -> !x.labelInferred()
                    && x.labelConfidence() == 1.0), ab.toString());
        }
    }
}
