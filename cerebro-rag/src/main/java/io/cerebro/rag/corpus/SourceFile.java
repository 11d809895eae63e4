package io.cerebro.rag.corpus;

import java.nio.file.Path;

/**
 * A candidate corpus file found by the scanner.
 *
 * @param file         where to read it (a file-system or jar path)
 * @param relativePath its path relative to the source root, with {@code /} separators
 * @param displayPath  the path shown to users and stored in the index
 * @param size         its size in bytes
 * @param bundled      whether it belongs to the bundled corpus, where every example must have a metadata header
 */
public record SourceFile(Path file, String relativePath, String displayPath, long size, boolean bundled) {
}
