package io.cerebro.rag.embed;

import io.cerebro.core.error.UserInputException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedding models an index can be built with, by id, each loaded once per process and run
 * batched ({@link BatchedMiniLmModel}) on at most two threads:
 * {@value MiniLmEmbeddingModel#MODEL_ID} (float32 all-MiniLM-L6-v2) and {@value #INT8_MODEL_ID}
 * (its int8-quantised twin, the default). Vectors of the two are not comparable: an index records
 * the id of the model that built it, and is queried and updated only with that model.
 */
public final class EmbeddingModels {
    /** Embedding threads; this machine class has two cores, and more threads only contend. */
    public static final int THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    /** Id of the int8-quantised all-MiniLM-L6-v2. */
    public static final String INT8_MODEL_ID = "all-minilm-l6-v2-q";
    /**
     * The model new indexes are built with: int8, about three times cheaper per chunk than
     * float32 at the same retrieval quality on the evaluation sets (docs/retrieval.md).
     */
    public static final String DEFAULT_MODEL_ID = INT8_MODEL_ID;
    /** Short names accepted by {@code --model}, and the ids they stand for. */
    private static final Map<String, String> ALIASES = Map.of("int8", INT8_MODEL_ID, "float", MiniLmEmbeddingModel.MODEL_ID,
            INT8_MODEL_ID, INT8_MODEL_ID, MiniLmEmbeddingModel.MODEL_ID, MiniLmEmbeddingModel.MODEL_ID);
    private static final Map<String, Embedder> SHARED = new ConcurrentHashMap<>();
    private static volatile ExecutorService pool;

    private EmbeddingModels() {
    }

    /** The ids of the models this build carries. */
    public static List<String> ids() {
        return List.of(INT8_MODEL_ID, MiniLmEmbeddingModel.MODEL_ID);
    }

    /**
     * The model id for a {@code --model} value: {@code int8}, {@code float} or a full id.
     *
     * @throws UserInputException for anything else
     */
    public static String resolve(String nameOrId) {
        String id = ALIASES.get(nameOrId.toLowerCase(Locale.ROOT));
        if (id == null) {
            throw new UserInputException("unknown embedding model '" + nameOrId + "'; use int8 (" + INT8_MODEL_ID
                    + ") or float (" + MiniLmEmbeddingModel.MODEL_ID + ")");
        }
        return id;
    }

    /** A process-wide embedder over the default model, loaded on first use (about a second). */
    public static Embedder defaultEmbedder() {
        return forId(DEFAULT_MODEL_ID);
    }

    /**
     * A process-wide embedder over the model with this id, loaded on first use.
     *
     * @throws UserInputException for an id this build does not carry (an index built by another version)
     */
    public static Embedder forId(String modelId) {
        if (!ids().contains(modelId)) {
            throw new UserInputException("this Cerebro has no embedding model '" + modelId + "' (it has "
                    + String.join(", ", ids()) + "); rebuild the index with: cerebro corpus rebuild --index DIR");
        }
        return SHARED.computeIfAbsent(modelId, id -> new Embedder(new BatchedMiniLmModel(
                id.equals(INT8_MODEL_ID) ? BatchedMiniLmModel.Variant.INT8 : BatchedMiniLmModel.Variant.FLOAT, pool()), id));
    }

    private static ExecutorService pool() {
        if (pool == null) {
            synchronized (EmbeddingModels.class) {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(THREADS, r -> {
                        Thread t = new Thread(r, "cerebro-embed");
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return pool;
    }
}
