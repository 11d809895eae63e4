/** Test helpers: a counting, hashing embedding model and the small test corpora. */
package io.cerebro.rag.testing;
