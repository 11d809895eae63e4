package io.cerebro.rag.chunk;

import io.cerebro.rag.corpus.Chunk;
import io.cerebro.rag.corpus.ExampleMetadata;
import io.cerebro.rag.corpus.SourceFile;

import java.util.List;

/**
 * A corpus file read, hashed and chunked.
 *
 * @param file        where it came from
 * @param contentHash SHA-256 of its bytes, hex; an unchanged hash means its chunks can be reused
 * @param metadata    header values (or derived ones)
 * @param chunks      its chunks
 */
public record LoadedExample(SourceFile file, String contentHash, ExampleMetadata metadata, List<Chunk> chunks) {
    public LoadedExample {
        chunks = List.copyOf(chunks);
    }
}
