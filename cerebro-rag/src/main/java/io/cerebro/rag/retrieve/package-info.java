/** LangChain4j integration: a {@code ContentRetriever} over the corpus index for the agents. */
package io.cerebro.rag.retrieve;
