package io.cerebro.rag.eval;

import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.SearchHit;
import io.cerebro.rag.index.SearchMode;
import io.cerebro.rag.index.SearchRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Runs an evaluation set against an index in BM25, vector and hybrid mode. */
public final class RetrievalEvaluation {
    /** Depth of each ranking evaluated. */
    public static final int DEPTH = 10;

    /**
     * The result of an evaluation.
     *
     * @param scores       one row per mode: BM25, vector, hybrid
     * @param unknownIds   relevant ids that are not in the index (they count as misses)
     * @param familyFilter whether the queries' family was used as a filter
     */
    public record Report(List<ModeScores> scores, Set<String> unknownIds, boolean familyFilter) {
        /** The row of one mode. */
        public ModeScores of(SearchMode mode) {
            return scores.stream().filter(s -> s.mode() == mode).findFirst().orElseThrow();
        }

        /** A side-by-side table. */
        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-8s %9s %9s %9s %9s %9s%n", "mode", "recall@1", "recall@5",
                    "recall@10", "MRR", "nDCG@10"));
            for (ModeScores s : scores) {
                sb.append(String.format(Locale.ROOT, "%-8s %9.3f %9.3f %9.3f %9.3f %9.3f%n",
                        s.mode().name().toLowerCase(Locale.ROOT), s.recall1(), s.recall5(), s.recall10(), s.mrr(), s.ndcg10()));
            }
            sb.append(scores.isEmpty() ? "" : scores.get(0).queries() + " queries"
                    + (familyFilter ? ", filtered by each query's family" : "") + "\n");
            if (!unknownIds.isEmpty()) {
                sb.append("warning: ").append(unknownIds.size()).append(" relevant ids are not in the index: ")
                        .append(String.join(", ", unknownIds)).append('\n');
            }
            return sb.toString();
        }
    }

    private RetrievalEvaluation() {
    }

    /**
     * Evaluates every mode.
     *
     * @param template     fusion settings to use (its query, mode and filters are replaced)
     * @param familyFilter filter each query by its {@code family} when it has one
     */
    public static Report run(CorpusIndex index, List<EvalQuery> queries, SearchRequest template, boolean familyFilter) {
        Set<String> known = index.exampleIds();
        Set<String> unknown = new TreeSet<>();
        queries.forEach(q -> q.relevant().stream().filter(id -> !known.contains(id)).forEach(unknown::add));
        List<ModeScores> rows = new ArrayList<>();
        for (SearchMode mode : SearchMode.values()) {
            rows.add(run(index, queries, template, familyFilter, mode));
        }
        return new Report(rows, unknown, familyFilter);
    }

    /**
     * Evaluates one mode.
     *
     * @param template     fusion settings to use (its query, mode and filters are replaced)
     * @param familyFilter filter each query by its {@code family} when it has one
     * @return the mode's mean recall@1/5/10, MRR and nDCG@10 over the queries
     */
    public static ModeScores run(CorpusIndex index, List<EvalQuery> queries, SearchRequest template, boolean familyFilter, SearchMode mode) {
        double r1 = 0;
        double r5 = 0;
        double r10 = 0;
        double mrr = 0;
        double ndcg = 0;
        for (EvalQuery q : queries) {
            SearchRequest req = new SearchRequest(q.query(), DEPTH, mode,
                    familyFilter ? q.family() : null, null, null, template.rrfK(), template.bm25Weight(),
                    template.vectorWeight(), template.candidates());
            List<String> ids = index.search(req).stream().map(SearchHit::id).toList();
            Set<String> rel = new HashSet<>(q.relevant());
            r1 += RetrievalMetrics.recallAt(ids, rel, 1);
            r5 += RetrievalMetrics.recallAt(ids, rel, 5);
            r10 += RetrievalMetrics.recallAt(ids, rel, 10);
            mrr += RetrievalMetrics.reciprocalRank(ids, rel);
            ndcg += RetrievalMetrics.ndcgAt(ids, rel, 10);
        }
        int n = queries.size();
        return new ModeScores(mode, n, r1 / n, r5 / n, r10 / n, mrr / n, ndcg / n);
    }
}
