package io.cerebro.rag.index;

/** Receives progress of a rebuild; the command line draws a bar on a terminal and nothing when piped. */
public interface RebuildProgress {
    /** Ignores progress. */
    RebuildProgress NONE = (phase, done, total) -> { };

    /**
     * @param phase {@code load} (read and chunk files), {@code model} (load the embedding model),
     *              {@code embed} or {@code write}
     * @param done  units finished in this phase
     * @param total units in this phase
     */
    void update(String phase, long done, long total);
}
