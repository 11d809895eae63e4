package io.cerebro.cli.agents;

import io.cerebro.agents.bench.BenchEnvironment;
import io.cerebro.agents.bench.CaseResult;
import io.cerebro.agents.bench.GenerationBench;
import io.cerebro.rag.corpus.BundledCorpus;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.embed.EmbeddingModels;
import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.DefaultIndex;
import io.cerebro.rag.index.IndexBuilder;
import io.cerebro.rag.index.IndexLayout;
import io.cerebro.rag.index.IndexManifest;
import io.cerebro.rag.index.RebuildProgress;
import io.cerebro.rag.index.RebuildRequest;
import io.cerebro.rag.index.SearchMode;
import io.cerebro.rag.retain.RetainedCorpus;
import io.cerebro.rag.retain.RetainedExample;
import io.cerebro.rag.retrieve.CorpusContentRetriever;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The corpus index a benchmark retrieves from and retains into: its own folder (by default
 * {@code bench-index/} in the cache folder, never the user's default index unless named), built from
 * the bundled corpus on first use. Pipelines that validated are retained into it between rounds
 * ({@link RetainedCorpus}: the program with its spec, data schema and validation record, embedding only
 * the new file), so the next round's retrieval for a similar spec finds a proven example.
 */
final class BenchIndex implements AutoCloseable {
    private final Path dir;
    private CorpusIndex open;

    /** @param dir the index folder */
    BenchIndex(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The default folder: {@code bench-index/} in Cerebro's cache folder. */
    static Path defaultDir() {
        return DefaultIndex.cacheDir().resolve("bench-index");
    }

    /** @return the index folder. */
    Path dir() {
        return dir;
    }

    /** Retrievers over this index, opened (and built) on first use and reopened after a retain. */
    BenchEnvironment.Retrievers retrievers() {
        return (mode, k) -> CorpusContentRetriever.builder(index())
                .mode(SearchMode.valueOf(mode.toUpperCase(Locale.ROOT))).maxResults(k).build();
    }

    private synchronized CorpusIndex index() {
        if (open == null) {
            ensureBuilt();
            open = CorpusIndex.open(dir);
        }
        return open;
    }

    private static List<CorpusSource> bundled() {
        return BundledCorpus.source().map(List::of).orElse(List.of());
    }

    private void ensureBuilt() {
        try {
            if (new IndexLayout(dir).current().isPresent()) {
                return;
            }
        } catch (IOException e) {
            return; // CorpusIndex.open names the corruption and the rebuild command
        }
        IndexBuilder.rebuild(new RebuildRequest(bundled(), dir, EmbeddingModels.DEFAULT_MODEL_ID,
                EmbeddingModels::defaultEmbedder, RebuildProgress.NONE));
    }

    /**
     * Retains the pipeline of every validated case (one at a time; the index is rebuilt incrementally,
     * embedding only new files) and closes the open index so the next retrieval sees them.
     *
     * @return the retains that added a new example
     */
    synchronized List<RetainedCorpus.Retained> retain(List<CaseResult> results, GenerationBench bench) {
        ensureBuilt();
        String model = IndexManifest.ofIndex(dir).map(IndexManifest::modelId).orElse(EmbeddingModels.DEFAULT_MODEL_ID);
        List<RetainedCorpus.Retained> added = new java.util.ArrayList<>();
        for (CaseResult r : results) {
            Optional<RetainedExample> ex = r.validated() ? bench.validatedExample(r.id()) : Optional.empty();
            if (ex.isPresent()) {
                RetainedCorpus.Retained done = RetainedCorpus.retain(dir, bundled(), ex.get(), model, () -> EmbeddingModels.forId(model));
                if (done.added()) {
                    added.add(done);
                }
            }
        }
        closeIndex();
        return added;
    }

    private void closeIndex() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the benchmark index " + dir, e);
            }
            open = null;
        }
    }

    @Override
    public synchronized void close() {
        closeIndex();
    }
}
