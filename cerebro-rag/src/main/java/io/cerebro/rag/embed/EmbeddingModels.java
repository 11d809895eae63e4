package io.cerebro.rag.embed;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The default embedding model: in-process all-MiniLM-L6-v2 on at most two threads. */
public final class EmbeddingModels {
    /** Embedding threads; this machine class has two cores, and more threads only contend. */
    public static final int THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private static volatile Embedder shared;

    private EmbeddingModels() {
    }

    /** A process-wide embedder over all-MiniLM-L6-v2, loaded on first use (about a second). */
    public static Embedder defaultEmbedder() {
        Embedder e = shared;
        if (e == null) {
            synchronized (EmbeddingModels.class) {
                if (shared == null) {
                    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
                        Thread t = new Thread(r, "cerebro-embed");
                        t.setDaemon(true);
                        return t;
                    });
                    shared = new Embedder(new MiniLmEmbeddingModel(pool), MiniLmEmbeddingModel.MODEL_ID);
                }
                e = shared;
            }
        }
        return e;
    }
}
