package io.cerebro.rag.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): an item's fused score is
 * {@code sum over rankings r of w_r / (k + rank_r(item))} with 1-based ranks; items missing from a
 * ranking get nothing from it. A larger {@code k} flattens the advantage of the top ranks. Ties
 * are broken by the best single rank, then by the first ranking's order.
 */
public final class ReciprocalRankFusion {
    /** The constant of the original paper, tuned on large TREC result pools. */
    public static final int PAPER_K = 60;
    /**
     * Cerebro's default. On a corpus of tens to hundreds of examples one retriever often ranks the
     * right example first while the other misses it entirely; with k = 60 that example loses to
     * one ranked fifth by both, with k = 10 it does not. Chosen on the bundled evaluation set
     * {@code eval/queries.jsonl} (177 queries): hybrid recall@5 0.92 with k = 10 against 0.90 with
     * k = 60, nDCG@10 0.892 against 0.886. On the held-out set {@code eval/heldout_queries.jsonl}
     * (60 queries, not used for tuning): recall@5 0.87 against 0.86, nDCG@10 0.846 against 0.832
     * (see {@code cerebro corpus eval --rrf-k --queries}).
     */
    public static final int DEFAULT_K = 10;

    private ReciprocalRankFusion() {
    }

    /**
     * Fuses rankings.
     *
     * @param rankings item ids, best first, one list per retriever
     * @param weights  one non-negative weight per ranking
     * @param k        the rank constant, at least 0
     * @return fused scores, best first
     */
    public static LinkedHashMap<String, Double> fuse(List<List<String>> rankings, double[] weights, double k) {
        if (weights.length != rankings.size()) {
            throw new IllegalArgumentException("need one weight per ranking: " + weights.length + " weights for "
                    + rankings.size() + " rankings");
        }
        if (!(k >= 0)) {
            throw new IllegalArgumentException("the RRF constant k must be >= 0, got " + k);
        }
        Map<String, Double> score = new HashMap<>();
        Map<String, Integer> bestRank = new HashMap<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        int seen = 0;
        for (int r = 0; r < rankings.size(); r++) {
            List<String> ranking = rankings.get(r);
            for (int i = 0; i < ranking.size(); i++) {
                String id = ranking.get(i);
                int rank = i + 1;
                score.merge(id, weights[r] / (k + rank), Double::sum);
                bestRank.merge(id, rank, Math::min);
                if (!firstSeen.containsKey(id)) {
                    firstSeen.put(id, seen++);
                }
            }
        }
        List<String> ids = new ArrayList<>(score.keySet());
        ids.sort(Comparator.<String>comparingDouble(score::get).reversed()
                .thenComparing(bestRank::get)
                .thenComparing(firstSeen::get));
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        ids.forEach(id -> out.put(id, score.get(id)));
        return out;
    }
}
