/** Code-aware text analysis for the BM25 fields: identifier tokens kept whole and split into parts. */
package io.cerebro.rag.analysis;
