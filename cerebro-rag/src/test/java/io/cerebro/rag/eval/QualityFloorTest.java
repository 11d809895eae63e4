package io.cerebro.rag.eval;

import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.embed.EmbeddingModels;
import io.cerebro.rag.embed.MiniLmEmbeddingModel;
import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.IndexBuilder;
import io.cerebro.rag.index.RebuildProgress;
import io.cerebro.rag.index.RebuildRequest;
import io.cerebro.rag.index.SearchMode;
import io.cerebro.rag.index.SearchRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The quality floor on the committed evaluation set of the repository's {@code rag-corpus/}:
 * hybrid nDCG@10 above both single modes and hybrid recall@5 at least 0.9. Runs only where the
 * repository's corpus and queries exist (the module is built inside the repository). Tagged slow:
 * it embeds the whole corpus with the real model (about half a minute on two busy cores).
 */
@Tag("slow")
class QualityFloorTest {
    @TempDir
    Path tmp;

    @Test
    void hybridBeatsBothModesAndRecallsNinetyPercentAtFive() throws Exception {
        Path corpus = Path.of("..", "rag-corpus").toAbsolutePath().normalize();
        Path queries = corpus.resolve("eval").resolve("queries.jsonl");
        assumeTrue(Files.isRegularFile(queries), "no rag-corpus/eval/queries.jsonl in this checkout");
        // index the corpus the way it is bundled: the eval folder is not part of it
        IndexBuilder.rebuild(new RebuildRequest(List.of(new CorpusSource(corpus, "rag-corpus", true)),
                tmp.resolve("idx"), MiniLmEmbeddingModel.MODEL_ID, EmbeddingModels::defaultEmbedder, RebuildProgress.NONE));
        try (CorpusIndex index = CorpusIndex.open(tmp.resolve("idx"), EmbeddingModels::defaultEmbedder)) {
            RetrievalEvaluation.Report r = RetrievalEvaluation.run(index, EvalQueries.read(queries),
                    SearchRequest.of("x", 10), false);
            System.out.println(r.render());
            ModeScores h = r.of(SearchMode.HYBRID);
            assertTrue(r.unknownIds().isEmpty(), "relevant ids missing from the corpus: " + r.unknownIds());
            assertTrue(h.ndcg10() > r.of(SearchMode.BM25).ndcg10(), r.render());
            assertTrue(h.ndcg10() > r.of(SearchMode.VECTOR).ndcg10(), r.render());
            assertTrue(h.recall5() >= 0.9, r.render());
        }
    }
}
