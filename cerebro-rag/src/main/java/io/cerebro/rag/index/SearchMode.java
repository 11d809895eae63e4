package io.cerebro.rag.index;

/** Which retriever ranks the hits. */
public enum SearchMode {
    /** BM25 over the code-aware text fields only. */
    BM25,
    /** Nearest neighbours of the query embedding only. */
    VECTOR,
    /** BM25 and vector rankings fused by reciprocal rank fusion. */
    HYBRID
}
