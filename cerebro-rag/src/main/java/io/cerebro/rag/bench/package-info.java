/** The retrieval benchmark behind {@code cerebro corpus bench}: rebuild times, ingest throughput, query latency. */
package io.cerebro.rag.bench;
