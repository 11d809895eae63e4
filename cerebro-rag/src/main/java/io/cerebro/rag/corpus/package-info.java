/**
 * The corpus model: example metadata headers, source folders (the bundled {@code rag-corpus/}
 * and user folders), the file scanner that finds candidate files and skips binary, huge or
 * unsupported ones, and the chunks that get indexed.
 */
package io.cerebro.rag.corpus;
