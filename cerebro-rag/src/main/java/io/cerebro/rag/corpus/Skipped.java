package io.cerebro.rag.corpus;

/**
 * A file the indexer left out, and why. Skipping is never fatal: the rebuild summary counts
 * skipped files by reason.
 *
 * @param path   the file
 * @param reason a short reason, the same string for files skipped for the same cause
 *               (for example {@code binary file} or {@code unparsable Java})
 * @param detail extra detail such as the parser's message, possibly empty
 */
public record Skipped(String path, String reason, String detail) {
}
