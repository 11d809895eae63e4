/** Retrieval evaluation: labelled queries, recall@k, MRR and nDCG@k, and a side-by-side report per mode. */
package io.cerebro.rag.eval;
