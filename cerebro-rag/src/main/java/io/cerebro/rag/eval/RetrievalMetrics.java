package io.cerebro.rag.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ranking metrics with binary relevance, for one query.
 * <ul>
 *   <li>recall@k: relevant items in the top k divided by the number of relevant items;</li>
 *   <li>reciprocal rank: 1 / rank of the first relevant item, 0 when none is retrieved (its mean
 *       over queries is MRR);</li>
 *   <li>nDCG@k: DCG = sum over the top k of rel_i / log2(i + 1) with 1-based i, divided by the DCG
 *       of the ideal ranking, which puts min(k, |relevant|) relevant items first
 *       (Järvelin and Kekäläinen, 2002).</li>
 * </ul>
 * Duplicate ids in a ranking count once, at their first position.
 */
public final class RetrievalMetrics {
    private RetrievalMetrics() {
    }

    /** Recall at cut-off k. */
    public static double recallAt(List<String> ranked, Set<String> relevant, int k) {
        if (relevant.isEmpty()) {
            return 0;
        }
        Set<String> found = new HashSet<>();
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                found.add(ranked.get(i));
            }
        }
        return (double) found.size() / relevant.size();
    }

    /** Reciprocal rank of the first relevant item. */
    public static double reciprocalRank(List<String> ranked, Set<String> relevant) {
        for (int i = 0; i < ranked.size(); i++) {
            if (relevant.contains(ranked.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** Normalised discounted cumulative gain at cut-off k. */
    public static double ndcgAt(List<String> ranked, Set<String> relevant, int k) {
        if (relevant.isEmpty()) {
            return 0;
        }
        double dcg = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            String id = ranked.get(i);
            if (relevant.contains(id) && seen.add(id)) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
