package io.cerebro.rag.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Metrics checked against values computed by hand from their definitions. */
class RetrievalMetricsTest {
    private static final double TOL = 1e-12;
    private static final List<String> RANKED = List.of("d", "a", "e", "b", "f", "g", "h", "i", "j", "k", "c");
    private static final Set<String> REL = Set.of("a", "b", "c");

    @Test
    void recallAtCutoffs() {
        assertEquals(0.0, RetrievalMetrics.recallAt(RANKED, REL, 1), TOL);
        assertEquals(2.0 / 3, RetrievalMetrics.recallAt(RANKED, REL, 5), TOL);
        assertEquals(2.0 / 3, RetrievalMetrics.recallAt(RANKED, REL, 10), TOL);
        assertEquals(1.0, RetrievalMetrics.recallAt(RANKED, REL, 11), TOL);
        assertEquals(1.0, RetrievalMetrics.recallAt(List.of("x", "a"), Set.of("a"), 5), TOL);
    }

    @Test
    void reciprocalRankOfFirstRelevant() {
        assertEquals(0.5, RetrievalMetrics.reciprocalRank(RANKED, REL), TOL);
        assertEquals(0.0, RetrievalMetrics.reciprocalRank(List.of("x", "y"), REL), TOL);
        assertEquals(1.0, RetrievalMetrics.reciprocalRank(List.of("c"), REL), TOL);
    }

    @Test
    void ndcgAt10() {
        // relevant at ranks 2 and 4 within the top 10: DCG = 1/log2(3) + 1/log2(5) = 0.6309298 + 0.4306766
        // ideal with 3 relevant: 1 + 1/log2(3) + 1/log2(4) = 1 + 0.6309298 + 0.5 = 2.1309298
        double dcg = 0.63092975357145743710 + 0.43067655807339305067;
        double idcg = 1 + 0.63092975357145743710 + 0.5;
        assertEquals(dcg / idcg, RetrievalMetrics.ndcgAt(RANKED, REL, 10), 1e-12);
        assertEquals(0.49818926, RetrievalMetrics.ndcgAt(RANKED, REL, 10), 1e-8);
        // perfect ranking
        assertEquals(1.0, RetrievalMetrics.ndcgAt(List.of("a", "b", "c", "x"), REL, 10), TOL);
        // one relevant at rank 3: 1/log2(4) / 1 = 0.5
        assertEquals(0.5, RetrievalMetrics.ndcgAt(List.of("x", "y", "a"), Set.of("a"), 10), TOL);
        // duplicates count once
        assertEquals(1 / (1 + 0.63092975357145743710), RetrievalMetrics.ndcgAt(List.of("a", "a"), Set.of("a", "b"), 10), TOL);
    }
}
