package io.cerebro.rag.chunk;

/** A file whose syntax a chunker cannot read; the indexer skips it and counts it. */
public final class UnparsableException extends Exception {
    /** @param message what is wrong, for the rebuild summary */
    public UnparsableException(String message) {
        super(message);
    }
}
