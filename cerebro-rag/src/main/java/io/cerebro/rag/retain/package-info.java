/**
 * Retained examples: pipelines that passed validation, added to the corpus with their spec, data
 * schema and validation record (a {@code retained} source of the index), so that the next similar
 * spec retrieves a proven example first.
 */
package io.cerebro.rag.retain;
