package io.cerebro.rag.eval;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.objective.Objective;
import io.cerebro.core.tune.objective.Outcome;
import io.cerebro.core.tune.space.ParameterSpace;
import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.ReciprocalRankFusion;
import io.cerebro.rag.index.SearchMode;
import io.cerebro.rag.index.SearchRequest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The objective {@code objective: {cerebro: corpus-eval, metric: ndcg@10}}: each trial runs the
 * retrieval evaluation of {@code cerebro corpus eval} ({@link RetrievalEvaluation}) on an index with
 * the trial's parameters as its settings, and its value is one metric of one mode.
 *
 * <p>Parameters a study may tune (any other name is refused when the study is read), with the
 * {@code cerebro corpus eval} default used when a study does not tune it: {@code rrf_k} (10),
 * {@code bm25_weight} (1), {@code vector_weight} (1), {@code candidates} or its alias {@code top_k}
 * (chunks each retriever contributes before fusion, {@value SearchRequest#DEFAULT_CANDIDATES}),
 * {@code mode} (bm25, vector, hybrid; default the objective's {@code mode:}, else hybrid) and
 * {@code family_filter} (true/false). Metrics: {@code ndcg@10}, {@code recall@1}, {@code recall@5},
 * {@code recall@10}, {@code mrr}. The index is opened once and shared by every trial (its searches
 * are thread-safe).
 */
public final class CorpusEvalObjective implements Objective {
    /** The parameter names mapped onto the evaluation's settings. */
    public static final List<String> SETTINGS = List.of("rrf_k", "bm25_weight", "vector_weight", "candidates", "top_k", "mode", "family_filter");
    /** The metrics a trial's value can be. */
    public static final List<String> METRICS = List.of("ndcg@10", "recall@1", "recall@5", "recall@10", "mrr");

    private final CorpusIndex index;
    private final List<EvalQuery> queries;
    private final String metric;
    private final SearchMode mode;
    private final boolean familyFilter;

    /**
     * @param index        the index to evaluate (not closed by this objective)
     * @param queries      the evaluation set
     * @param metric       one of {@link #METRICS}
     * @param mode         the mode evaluated when the study does not tune {@code mode}
     * @param familyFilter the family filter used when the study does not tune {@code family_filter}
     */
    public CorpusEvalObjective(CorpusIndex index, List<EvalQuery> queries, String metric, SearchMode mode, boolean familyFilter) {
        if (!METRICS.contains(metric)) {
            throw new UserInputException("objective.metric '" + metric + "' is not a corpus-eval metric; use one of " + String.join(", ", METRICS));
        }
        if (queries.isEmpty()) {
            throw new UserInputException("the evaluation queries are empty; give a JSON-lines file with objective.queries");
        }
        this.index = index;
        this.queries = List.copyOf(queries);
        this.metric = metric;
        this.mode = mode;
        this.familyFilter = familyFilter;
    }

    /** @throws UserInputException when a parameter of {@code space} is not one of {@link #SETTINGS} */
    public static void checkSpace(ParameterSpace space) {
        for (String name : space.names()) {
            if (!SETTINGS.contains(name)) {
                throw new UserInputException("parameter_space." + name + " is not a setting of the corpus-eval objective; tune some of "
                        + String.join(", ", SETTINGS));
            }
        }
    }

    /** @return the mode named {@code text} (bm25, vector, hybrid) */
    public static SearchMode mode(String text) {
        try {
            return SearchMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("corpus-eval mode '" + text + "' is unknown; use bm25, vector or hybrid");
        }
    }

    /** @return the search settings of a trial's parameters, with the defaults of {@code cerebro corpus eval} for the others. */
    public static SearchRequest settings(Map<String, Object> params) {
        double rrfK = number(params, "rrf_k", ReciprocalRankFusion.DEFAULT_K);
        double bm25 = number(params, "bm25_weight", 1);
        double vector = number(params, "vector_weight", 1);
        double candidates = number(params, "candidates", number(params, "top_k", SearchRequest.DEFAULT_CANDIDATES));
        return new SearchRequest("template", RetrievalEvaluation.DEPTH, SearchMode.HYBRID, null, null, null, rrfK, bm25, vector,
                (int) Math.round(candidates));
    }

    private static double number(Map<String, Object> params, String key, double fallback) {
        Object v = params.get(key);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    @Override
    public Outcome evaluate(Map<String, Object> params, int trial) {
        try {
            SearchMode m = params.containsKey("mode") ? mode(String.valueOf(params.get("mode"))) : mode;
            boolean filter = params.containsKey("family_filter") ? Boolean.parseBoolean(String.valueOf(params.get("family_filter"))) : familyFilter;
            ModeScores s = RetrievalEvaluation.run(index, queries, settings(params), filter, m);
            return Outcome.of(value(s, metric));
        } catch (UserInputException e) {
            return Outcome.failed(e.getMessage());
        }
    }

    /** @return the metric of a mode's scores. */
    public static double value(ModeScores s, String metric) {
        return switch (metric) {
            case "ndcg@10" -> s.ndcg10();
            case "recall@1" -> s.recall1();
            case "recall@5" -> s.recall5();
            case "recall@10" -> s.recall10();
            case "mrr" -> s.mrr();
            default -> throw new UserInputException("objective.metric '" + metric + "' is not a corpus-eval metric; use one of " + String.join(", ", METRICS));
        };
    }
}
