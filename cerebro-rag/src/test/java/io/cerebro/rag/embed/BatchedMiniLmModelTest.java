package io.cerebro.rag.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batched encoder (padding, attention mask, masked mean pooling, length sorting) against the
 * oracle of LangChain4j's own per-text encoders over the same model files: every vector must point
 * the same way (cosine above 0.9999), for texts of very different lengths in one call.
 */
class BatchedMiniLmModelTest {
    private static final List<String> TEXTS = List.of(
            "welch t-test on revenue",
            "Propensity score matching with a caliper of 0.2 standard deviations of the logit.",
            "def qini_curve(df, treatment, outcome):\n    \"\"\"Cumulative uplift by decile.\"\"\"\n"
                    + "    df = df.sort_values('score', ascending=False)\n    return df.groupby('decile')[outcome].mean()\n",
            "x",
            "Synthetic control: the treated unit's pre-period outcome is matched by a convex combination of donor"
                    + " states; the weights are non-negative and sum to one, and the gap after the policy is the effect."
                    + " Placebo runs on each donor give a permutation p-value. ".repeat(4));

    @Test
    void floatBatchesMatchLangChain4jPerTextEncoder() {
        check(BatchedMiniLmModel.Variant.FLOAT, new AllMiniLmL6V2EmbeddingModel());
    }

    @Test
    void int8BatchesMatchLangChain4jPerTextEncoder() {
        check(BatchedMiniLmModel.Variant.INT8, new AllMiniLmL6V2QuantizedEmbeddingModel());
    }

    @Test
    void int8AndFloatVectorsAreCloseButNotTheSameModel() {
        Embedder f = EmbeddingModels.forId(MiniLmEmbeddingModel.MODEL_ID);
        Embedder q = EmbeddingModels.forId(EmbeddingModels.INT8_MODEL_ID);
        float[] a = f.embed(TEXTS.get(1));
        float[] b = q.embed(TEXTS.get(1));
        double cos = dot(a, b);
        // quantisation moves vectors a little: close enough to retrieve alike, too far to mix in one index
        assertTrue(cos > 0.9 && cos < 0.9999, "float/int8 cosine " + cos);
    }

    @Test
    void unknownModelNameIsOneLineWithTheChoices() {
        UserInputException e = assertThrows(UserInputException.class, () -> EmbeddingModels.resolve("bert-large"));
        assertTrue(e.getMessage().contains("use int8") && !e.getMessage().contains("\n"), e.getMessage());
        assertEquals(EmbeddingModels.INT8_MODEL_ID, EmbeddingModels.resolve("INT8"));
    }

    private static void check(BatchedMiniLmModel.Variant variant, EmbeddingModel oracle) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            BatchedMiniLmModel model = new BatchedMiniLmModel(variant, pool);
            List<TextSegment> segs = TEXTS.stream().map(TextSegment::from).toList();
            List<Embedding> mine = model.embedAll(segs).content();
            for (int i = 0; i < TEXTS.size(); i++) {
                float[] want = oracle.embed(TEXTS.get(i)).content().vector();
                double cos = dot(Embedder.normalise(mine.get(i).vector()), Embedder.normalise(want));
                assertTrue(cos > 0.9999, variant + " text " + i + ": cosine " + cos);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
