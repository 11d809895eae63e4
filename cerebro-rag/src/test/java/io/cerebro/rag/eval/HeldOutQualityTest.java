package io.cerebro.rag.eval;

import io.cerebro.rag.index.SearchMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retrieval quality on the held-out evaluation set {@code rag-corpus/eval/heldout_queries.jsonl}:
 * 60 queries over all eight families, written and labelled from the examples' headers (never from
 * search results) and committed before any retrieval was run on them. Nothing was tuned on them, so
 * unlike {@link QualityFloorTest} (whose queries chose the fusion constant k) these figures are an
 * honest estimate. Measured with k = 10: hybrid recall@5 0.872 and nDCG@10 0.846, BM25 nDCG@10 0.844,
 * vector 0.733.
 *
 * <p>Floors: recall@5 at least 0.85 and nDCG@10 at least 0.82, a little below the measured values
 * (two or three queries losing a relevant example from the top five cross the recall floor). Hybrid
 * is only required not to be worse than the better single mode by more than {@value #MARGIN}: on
 * these queries it ties with BM25 (+0.002), and the standard error of the paired per-query difference
 * in nDCG@10 between hybrid and BM25 is 0.019, so requiring a strict win would fail on noise while a
 * margin of about one standard error still catches a fusion that falls clearly behind BM25.
 */
@Tag("slow")
class HeldOutQualityTest {
    /** How far hybrid nDCG@10 may fall below the better single mode. */
    static final double MARGIN = 0.02;

    @Test
    void hybridHoldsItsQualityOnQueriesItWasNotTunedOn() {
        RetrievalEvaluation.Report r = RepositoryCorpus.evaluate("heldout_queries.jsonl");
        System.out.println("held-out set\n" + r.render());
        ModeScores h = r.of(SearchMode.HYBRID);
        assertTrue(r.unknownIds().isEmpty(), "relevant ids missing from the corpus: " + r.unknownIds());
        assertTrue(h.recall5() >= 0.85, r.render());
        assertTrue(h.ndcg10() >= 0.82, r.render());
        double bestSingle = Math.max(r.of(SearchMode.BM25).ndcg10(), r.of(SearchMode.VECTOR).ndcg10());
        assertTrue(h.ndcg10() >= bestSingle - MARGIN, r.render());
    }
}
