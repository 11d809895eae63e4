package io.cerebro.core.mmm.fit;

/** Told how far the search and the bootstrap have got, e.g. to draw a progress bar. */
@FunctionalInterface
public interface ProgressListener {
    /** Does nothing. */
    ProgressListener NONE = (stage, done, total) -> { };

    /**
     * @param stage what is running ({@code search}, {@code refine}, {@code bootstrap})
     * @param done  steps finished
     * @param total steps in the stage
     */
    void update(String stage, int done, int total);
}
