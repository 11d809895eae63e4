package io.cerebro.rag.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What an index generation holds, written beside the Lucene files as {@code manifest.json}.
 *
 * @param format    index layout version; an index with another format must be rebuilt
 * @param modelId   embedding model id; vectors from another model are not comparable
 * @param dimension vector dimension
 * @param createdAt ISO-8601 instant of the build
 * @param sources   source folders the index was built from
 * @param files     number of indexed files
 * @param chunks    number of chunks
 */
public record IndexManifest(int format, String modelId, int dimension, String createdAt, List<String> sources,
                            int files, int chunks) {
    /** The layout version this code writes and reads. */
    public static final int FORMAT = 1;
    /** File name inside a generation folder. */
    public static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), JSON.writeValueAsString(this));
    }

    /**
     * The manifest of the generation in use in an index folder, if it holds a readable one.
     *
     * @param indexDir the index folder
     */
    public static java.util.Optional<IndexManifest> ofIndex(Path indexDir) {
        try {
            java.util.Optional<Path> gen = new IndexLayout(indexDir).current();
            return gen.isPresent() ? java.util.Optional.of(read(gen.get())) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    static IndexManifest read(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(FILE).toFile(), IndexManifest.class);
    }
}
