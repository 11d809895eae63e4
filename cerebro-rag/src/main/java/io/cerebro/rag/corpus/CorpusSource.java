package io.cerebro.rag.corpus;

import java.nio.file.Path;

/**
 * A folder of examples to index.
 *
 * @param root        the folder (on the file system, or inside the cerebro-rag jar for the bundled corpus)
 * @param displayRoot prefix shown for its files: {@code rag-corpus} for the bundled corpus, the
 *                    absolute folder path otherwise
 * @param bundled     whether this is the corpus shipped with Cerebro
 */
public record CorpusSource(Path root, String displayRoot, boolean bundled) {
    /** A user folder; its files are shown by absolute path. */
    public static CorpusSource folder(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return new CorpusSource(abs, abs.toString(), false);
    }
}
