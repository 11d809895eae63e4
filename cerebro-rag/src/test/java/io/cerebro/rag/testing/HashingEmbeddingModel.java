package io.cerebro.rag.testing;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A fast deterministic stand-in for a neural model in tests: bag of lower-cased words hashed into
 * 64 dimensions. It counts the texts it embeds and can be told to fail on some text.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {
    public static final String ID = "test-hashing-64";
    public final AtomicInteger texts = new AtomicInteger();
    private final Predicate<String> failOn;

    public HashingEmbeddingModel() {
        this(t -> false);
    }

    public HashingEmbeddingModel(Predicate<String> failOn) {
        this.failOn = failOn;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>();
        for (TextSegment s : segments) {
            if (failOn.test(s.text())) {
                throw new IllegalStateException("simulated embedding failure");
            }
            texts.incrementAndGet();
            float[] v = new float[64];
            v[0] = 0.01f;
            for (String w : s.text().toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (!w.isEmpty()) {
                    v[Math.floorMod(w.hashCode(), 64)] += 1;
                }
            }
            out.add(Embedding.from(v));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return 64;
    }
}
