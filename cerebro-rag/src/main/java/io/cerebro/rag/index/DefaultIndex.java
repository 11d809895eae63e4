package io.cerebro.rag.index;

import io.cerebro.rag.chunk.ExampleLoader;
import io.cerebro.rag.corpus.BundledCorpus;
import io.cerebro.rag.corpus.CorpusScanner;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.corpus.SourceFile;
import io.cerebro.rag.embed.EmbeddingModels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The per-user default index of the bundled corpus, in
 * {@code $CEREBRO_CACHE_DIR} or {@code $XDG_CACHE_HOME/cerebro} or {@code $HOME/.cache/cerebro},
 * under {@code index/<corpus-hash>}. The hash covers the bundled files' paths and contents, the
 * index format and the embedding model, so a new Cerebro version with a changed corpus gets a new
 * index and the old one is never read by mistake.
 */
public final class DefaultIndex {
    private DefaultIndex() {
    }

    /**
     * Opens the default index, building it from the bundled corpus on first use (offline, about
     * half a minute on two cores). This is what the agents use unless told otherwise.
     *
     * <pre>{@code
     * try (CorpusIndex index = DefaultIndex.open()) {
     *     ContentRetriever r = CorpusContentRetriever.builder(index).family("ab").build();
     * }
     * }</pre>
     */
    public static CorpusIndex open() {
        Path dir = location();
        ensureBuilt(dir, RebuildProgress.NONE);
        return CorpusIndex.open(dir);
    }

    /** The cache folder for Cerebro. */
    public static Path cacheDir() {
        return io.cerebro.core.config.UserDirs.cache();
    }

    /** Where pipelines retained into the default index are kept ({@code retained/} in the cache folder). */
    public static Path retainedFolder() {
        return cacheDir().resolve("retained");
    }

    /**
     * Adds a validated pipeline to the default index (built first if needed), incrementally.
     *
     * @see io.cerebro.rag.retain.RetainedCorpus#retain
     */
    public static io.cerebro.rag.retain.RetainedCorpus.Retained retain(io.cerebro.rag.retain.RetainedExample example) {
        Path dir = location();
        ensureBuilt(dir, RebuildProgress.NONE);
        String model = IndexManifest.ofIndex(dir).map(IndexManifest::modelId).orElse(EmbeddingModels.DEFAULT_MODEL_ID);
        return io.cerebro.rag.retain.RetainedCorpus.retain(dir, retainedFolder(),
                BundledCorpus.source().map(List::of).orElse(List.of()), example, model, () -> EmbeddingModels.forId(model));
    }

    /** Where the default index of the bundled corpus lives. */
    public static Path location() {
        return cacheDir().resolve("index").resolve(corpusHash());
    }

    /** A 16-hex-digit hash of the bundled corpus content, the index format and the model. */
    public static String corpusHash() {
        StringBuilder sb = new StringBuilder("format=" + IndexManifest.FORMAT + ";model=" + EmbeddingModels.DEFAULT_MODEL_ID + "\n");
        List<CorpusSource> sources = BundledCorpus.source().map(List::of).orElse(List.of());
        for (SourceFile f : CorpusScanner.scan(sources).files()) {
            try {
                sb.append(f.relativePath()).append('=').append(ExampleLoader.sha256(ExampleLoader.readBytes(f))).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ExampleLoader.sha256(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /**
     * Builds the index in {@code dir} from the bundled corpus if the folder holds no index yet.
     *
     * @return the rebuild summary, or null when an index was already there
     */
    public static RebuildSummary ensureBuilt(Path dir, RebuildProgress progress) {
        try {
            if (new IndexLayout(dir).current().isPresent()) {
                return null;
            }
        } catch (IOException e) {
            return null; // CorpusIndex.open reports the corruption with the rebuild command
        }
        List<CorpusSource> sources = new java.util.ArrayList<>(BundledCorpus.source().map(List::of).orElse(List.of()));
        if (java.nio.file.Files.isDirectory(retainedFolder())) {
            // pipelines retained into an earlier default index (another Cerebro version) stay in the corpus
            sources.addAll(io.cerebro.rag.retain.RetainedCorpus.register(dir, retainedFolder()).sources());
        }
        RebuildRequest req = new RebuildRequest(sources, dir,
                EmbeddingModels.DEFAULT_MODEL_ID, EmbeddingModels::defaultEmbedder, progress);
        long deadline = System.nanoTime() + WAIT_FOR_OTHER_BUILD.toNanos();
        while (true) {
            try {
                return IndexBuilder.rebuild(req);
            } catch (IndexLockedException e) {
                // another process is building the same default index on its first use: wait for it
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                    if (new IndexLayout(dir).current().isPresent()) {
                        return null;
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                } catch (IOException ignored) {
                    // keep waiting; CorpusIndex.open reports a corrupt index
                }
            }
        }
    }

    /** How long a first use waits for another process that is building the same default index. */
    private static final java.time.Duration WAIT_FOR_OTHER_BUILD = java.time.Duration.ofMinutes(5);
}
