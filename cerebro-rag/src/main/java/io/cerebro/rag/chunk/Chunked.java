package io.cerebro.rag.chunk;

import io.cerebro.rag.corpus.Chunk;

import java.util.List;

/**
 * A file split into chunks.
 *
 * @param derivedTitle the title to use when the file has no metadata header (class name, first
 *                     heading or file name)
 * @param chunks       the chunks in file order, never empty for a file that has content
 */
public record Chunked(String derivedTitle, List<Chunk> chunks) {
    public Chunked {
        chunks = List.copyOf(chunks);
    }
}
