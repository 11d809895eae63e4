/**
 * The Lucene hybrid index: chunk documents with a code-aware BM25 text field, a KNN vector field
 * and keyword filter fields; incremental rebuilds into generation folders swapped in atomically;
 * BM25, vector and reciprocal-rank-fused hybrid search; the per-user default index.
 */
package io.cerebro.rag.index;
