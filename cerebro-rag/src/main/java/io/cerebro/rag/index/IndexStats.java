package io.cerebro.rag.index;

import java.nio.file.Path;
import java.util.Map;

/**
 * A description of an index, for {@code cerebro corpus stats}.
 *
 * @param index      the index folder
 * @param generation the generation in use
 * @param manifest   its manifest
 * @param examples   number of examples (files)
 * @param chunks     number of chunks
 * @param byFamily   examples per family ({@code (none)} for files without a header)
 * @param byLanguage examples per language
 * @param byKind     chunks per kind
 * @param byMethod   examples per method id
 * @param sizeBytes  size of the generation on disk
 */
public record IndexStats(Path index, Path generation, IndexManifest manifest, int examples, int chunks,
                         Map<String, Integer> byFamily, Map<String, Integer> byLanguage, Map<String, Integer> byKind,
                         Map<String, Integer> byMethod, long sizeBytes) {
}
