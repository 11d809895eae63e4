/**
 * Chunking: Java by class and method with JavaParser (keeping Javadoc and imports), Python by
 * top-level definition, Markdown by heading, notebooks by cell; and the loader that reads a file,
 * checks it is text, reads its header and picks the chunker.
 */
package io.cerebro.rag.chunk;
