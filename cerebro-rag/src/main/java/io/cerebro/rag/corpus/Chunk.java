package io.cerebro.rag.corpus;

/**
 * One retrievable piece of an example: a whole Java class, one method, a Python top-level
 * definition, a Markdown section or a notebook cell.
 *
 * @param kind      {@code class}, {@code method}, {@code function}, {@code module}, {@code section} or {@code cell}
 * @param name      the class, method or function name, the heading, or {@code cell N}
 * @param text      the chunk's code or text as handed to a reader (Java method chunks keep their
 *                  Javadoc and the file's imports)
 * @param startLine 1-based line where the chunk starts in its file
 */
public record Chunk(String kind, String name, String text, int startLine) {
}
