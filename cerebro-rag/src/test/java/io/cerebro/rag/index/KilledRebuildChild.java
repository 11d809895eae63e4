package io.cerebro.rag.index;

import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.embed.Embedder;
import io.cerebro.rag.testing.HashingEmbeddingModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link KilledRebuildTest}: rebuilds an index and, on reaching the named
 * phase, writes a marker file and stalls so that the parent can kill it with SIGKILL there.
 * Arguments: corpus folder, index folder, phase ({@code embed} or {@code write}), marker file.
 */
public final class KilledRebuildChild {
    private KilledRebuildChild() {
    }

    public static void main(String[] args) {
        Path corpus = Path.of(args[0]);
        Path index = Path.of(args[1]);
        String stallAt = args[2];
        Path marker = Path.of(args[3]);
        Embedder e = new Embedder(new HashingEmbeddingModel(), HashingEmbeddingModel.ID);
        IndexBuilder.rebuild(new RebuildRequest(List.of(CorpusSource.folder(corpus)), index, HashingEmbeddingModel.ID,
                () -> e, (phase, done, total) -> {
                    if (phase.equals(stallAt)) {
                        try {
                            Files.writeString(marker, phase);
                            Thread.sleep(60_000);
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }));
    }
}
