package io.cerebro.rag.index;

import io.cerebro.core.error.UserInputException;

/**
 * A retrieval query with its filters and fusion settings.
 *
 * @param query        the text; must not be blank
 * @param k            hits to return, at least 1
 * @param mode         BM25, vector or hybrid
 * @param family       family filter, or null for any
 * @param method       method filter (catalogue id such as {@code causal.psm}), or null for any
 * @param language     language filter, or null for any
 * @param rrfK         the reciprocal rank fusion constant (default {@value ReciprocalRankFusion#DEFAULT_K})
 * @param bm25Weight   weight of the BM25 ranking in the fusion (default 1)
 * @param vectorWeight weight of the vector ranking in the fusion (default 1)
 * @param candidates   chunks each retriever contributes before fusion (default {@value #DEFAULT_CANDIDATES});
 *                     examples outside a retriever's candidates get nothing from it
 */
public record SearchRequest(String query, int k, SearchMode mode, String family, String method, String language,
                            double rrfK, double bm25Weight, double vectorWeight, int candidates) {
    /** Chunks each retriever contributes by default: every chunk of a corpus of a few hundred examples. */
    public static final int DEFAULT_CANDIDATES = 1000;

    public SearchRequest {
        if (query == null || query.isBlank()) {
            throw new UserInputException("the search query is empty; pass the words to search for, e.g."
                    + " cerebro corpus search \"welch t-test on revenue\"");
        }
        if (k < 1) {
            throw new UserInputException("--k must be at least 1, got " + k);
        }
        if (!(rrfK >= 0)) {
            throw new UserInputException("the RRF constant must be >= 0, got " + rrfK);
        }
        if (!(bm25Weight >= 0) || !(vectorWeight >= 0) || bm25Weight + vectorWeight == 0) {
            throw new UserInputException("RRF weights must be >= 0 and not both 0, got bm25 " + bm25Weight
                    + " and vector " + vectorWeight);
        }
        if (candidates < k) {
            candidates = k;
        }
        family = blankToNull(family);
        method = blankToNull(method);
        language = blankToNull(language);
    }

    /** A hybrid query with default fusion settings and no filters. */
    public static SearchRequest of(String query, int k) {
        return new SearchRequest(query, k, SearchMode.HYBRID, null, null, null, ReciprocalRankFusion.DEFAULT_K, 1, 1,
                DEFAULT_CANDIDATES);
    }

    /** This request with another mode. */
    public SearchRequest withMode(SearchMode m) {
        return new SearchRequest(query, k, m, family, method, language, rrfK, bm25Weight, vectorWeight, candidates);
    }

    /** This request with other filters. */
    public SearchRequest withFilters(String fam, String meth, String lang) {
        return new SearchRequest(query, k, mode, fam, meth, lang, rrfK, bm25Weight, vectorWeight, candidates);
    }

    /** This request with other fusion settings. */
    public SearchRequest withFusion(double newRrfK, double newBm25Weight, double newVectorWeight) {
        return new SearchRequest(query, k, mode, family, method, language, newRrfK, newBm25Weight, newVectorWeight,
                candidates);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
