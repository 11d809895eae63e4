package io.cerebro.rag.index;

import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.embed.Embedder;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * What to rebuild.
 *
 * @param sources  folders to index (the bundled corpus and user folders)
 * @param index    the index folder
 * @param modelId  id of the embedding model the supplier gives; an index built with another
 *                 model is rebuilt in full
 * @param embedder supplies the embedder; called only when some chunk needs embedding, so a
 *                 no-change rebuild never loads the model
 * @param progress progress sink
 */
public record RebuildRequest(List<CorpusSource> sources, Path index, String modelId, Supplier<Embedder> embedder,
                             RebuildProgress progress) {
    public RebuildRequest {
        sources = List.copyOf(sources);
    }
}
