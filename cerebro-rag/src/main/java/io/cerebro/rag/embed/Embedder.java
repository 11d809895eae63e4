package io.cerebro.rag.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Turns texts into unit-length vectors with any LangChain4j {@link EmbeddingModel}, in batches,
 * and counts how many texts it embedded (so tests can check that unchanged files are not
 * re-embedded).
 */
public final class Embedder {
    /** Texts per call to {@link EmbeddingModel#embedAll} (a batched model sorts them by length and splits them into inferences). */
    public static final int BATCH = 256;
    /**
     * Longest text embedded, in characters (about 250 word pieces of code). all-MiniLM-L6-v2 was
     * trained on sequences of at most 256 word pieces; longer text costs time without helping.
     */
    public static final int MAX_CHARS = 1000;

    private final EmbeddingModel model;
    private final String modelId;
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();

    /**
     * @param model   the embedding model
     * @param modelId its id, recorded in the index so that an index built with another model is rebuilt
     */
    public Embedder(EmbeddingModel model, String modelId) {
        this.model = model;
        this.modelId = modelId;
    }

    /** The model's id. */
    public String modelId() {
        return modelId;
    }

    /** The model's dimension. */
    public int dimension() {
        return model.dimension();
    }

    /** How many texts this embedder has embedded so far. */
    public long embeddedCount() {
        return embedded.get();
    }

    /**
     * CPU time this process spent while this embedder's model ran, summed over all calls so far, in
     * nanoseconds (tokenising and inference on every thread; 0 where the JVM cannot measure process
     * CPU). Process CPU rather than wall time, so that load from other processes does not count; it
     * also counts whatever else this process ran meanwhile, which in a rebuild is nothing (the builder
     * waits for the model).
     */
    public long cpuNanos() {
        return cpuNanos.get();
    }

    /** Embeds one text (a query). */
    public float[] embed(String text) {
        return embedAll(List.of(text), n -> { }).get(0);
    }

    /**
     * Embeds texts in batches.
     *
     * @param progress called with the number of texts finished after each batch
     */
    public List<float[]> embedAll(List<String> texts, IntConsumer progress) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<TextSegment> batch = new ArrayList<>();
            for (String t : texts.subList(from, Math.min(texts.size(), from + BATCH))) {
                String s = t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
                batch.add(TextSegment.from(s.isBlank() ? "(empty)" : s));
            }
            long cpu0 = processCpuNanos();
            List<Embedding> vectors = model.embedAll(batch).content();
            cpuNanos.addAndGet(processCpuNanos() - cpu0);
            if (vectors.size() != batch.size()) {
                throw new IllegalStateException("embedding model returned " + vectors.size() + " vectors for "
                        + batch.size() + " texts");
            }
            for (Embedding e : vectors) {
                out.add(normalise(e.vector()));
            }
            embedded.addAndGet(batch.size());
            progress.accept(out.size());
        }
        return out;
    }

    /** CPU time of this process so far in nanoseconds, or 0 where the JVM does not report it. */
    public static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** @return {@code v} scaled to unit length (a copy; a zero vector is returned unchanged), as the index stores vectors. */
    public static float[] normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float[] r = v.clone();
        if (s > 0) {
            float inv = (float) (1 / Math.sqrt(s));
            for (int i = 0; i < r.length; i++) {
                r[i] *= inv;
            }
        }
        return r;
    }
}
