package io.cerebro.rag.eval;

import io.cerebro.rag.index.SearchMode;

/**
 * Mean metrics of one retrieval mode over an evaluation set.
 *
 * @param mode     the mode
 * @param queries  number of queries
 * @param recall1  mean recall@1
 * @param recall5  mean recall@5
 * @param recall10 mean recall@10
 * @param mrr      mean reciprocal rank (over the top 10)
 * @param ndcg10   mean nDCG@10
 */
public record ModeScores(SearchMode mode, int queries, double recall1, double recall5, double recall10, double mrr,
                         double ndcg10) {
}
