package io.cerebro.rag.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The worked examples shipped with Cerebro: the repository's {@code rag-corpus/} folder, packaged
 * into the cerebro-rag jar under {@code rag-corpus/} so that it works outside the repository.
 */
public final class BundledCorpus {
    /** Resource folder (and display prefix) of the bundled corpus. */
    public static final String RESOURCE = "rag-corpus";
    private static volatile Optional<Path> root;

    private BundledCorpus() {
    }

    /** The bundled corpus as a source, or empty when this build carries no corpus. */
    public static Optional<CorpusSource> source() {
        return root().map(r -> new CorpusSource(r, RESOURCE, true));
    }

    /** Where the bundled corpus lives: a folder of the class path or a folder inside a jar. */
    public static Optional<Path> root() {
        Optional<Path> r = root;
        if (r == null) {
            synchronized (BundledCorpus.class) {
                if (root == null) {
                    root = locate(BundledCorpus.class.getClassLoader());
                }
                r = root;
            }
        }
        return r;
    }

    /** The bundled evaluation queries ({@code rag-corpus/eval/queries.jsonl}), if shipped. */
    public static Optional<Path> evalQueries() {
        return root().map(r -> r.resolve("eval").resolve("queries.jsonl")).filter(java.nio.file.Files::isRegularFile);
    }

    /** Finds the corpus folder through a class loader; visible for tests that load it from a jar. */
    static Optional<Path> locate(ClassLoader loader) {
        URL url = loader.getResource(RESOURCE);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            Path p;
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                p = fs.provider().getPath(uri);
            } else {
                p = Path.of(uri);
            }
            return Optional.of(p);
        } catch (URISyntaxException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
