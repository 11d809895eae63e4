/**
 * Family and method labels for corpus files that carry no metadata header, inferred from their
 * content (calls, imports and terms of each family) and from the nearest labelled examples by
 * embedding, with a confidence.
 */
package io.cerebro.rag.label;
