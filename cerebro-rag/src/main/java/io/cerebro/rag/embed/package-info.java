/**
 * Embeddings: all-MiniLM-L6-v2 through ONNX Runtime from the model LangChain4j ships in a jar,
 * behind LangChain4j's pluggable {@code EmbeddingModel}, batched and run on at most two threads.
 */
package io.cerebro.rag.embed;
