package io.cerebro.rag.label;

import io.cerebro.rag.chunk.ExampleLoader;
import io.cerebro.rag.chunk.LoadedExample;
import io.cerebro.rag.corpus.Chunk;
import io.cerebro.rag.corpus.CorpusScanner;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.corpus.MetadataHeader;
import io.cerebro.rag.corpus.SourceFile;
import io.cerebro.rag.embed.Embedder;
import io.cerebro.rag.testing.HashingEmbeddingModel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The labeller evaluated on the repository's labelled corpus ({@code rag-corpus/}), one example
 * held out at a time: its header (family, methods, title, description) is stripped from its text,
 * it is labelled from that text and from the other examples, and the inferred family is compared
 * with the header's. The oracle is the hand-written header. Neighbours are found with the test's
 * hashing bag-of-words embedding (the real model is too slow for a unit test; with it the
 * neighbour signal can only be better). Figures printed; floors asserted.
 */
class LabellerEvaluationTest {
    private static final Path ROOT = Path.of("..", "rag-corpus").toAbsolutePath().normalize();

    @Test
    void heldOutFamiliesAreRecoveredFromContent() throws IOException {
        assumeTrue(Files.isDirectory(ROOT), "runs inside the repository");
        Embedder embedder = new Embedder(new HashingEmbeddingModel(), HashingEmbeddingModel.ID);
        CorpusScanner.Scan scan = CorpusScanner.scan(List.of(new CorpusSource(ROOT, "rag-corpus", true)));
        List<LoadedExample> examples = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<float[]> centroids = new ArrayList<>();
        List<ContentLabeller.Reference> refs = new ArrayList<>();
        for (SourceFile f : scan.files()) {
            if (ExampleLoader.load(f, ExampleLoader.readBytes(f)) instanceof ExampleLoader.Loaded l
                    && !l.example().metadata().family().isEmpty()) {
                LoadedExample ex = l.example();
                List<String> chunkTexts = ex.chunks().stream().map(c -> MetadataHeader.strip(c.text())).toList();
                float[] c = ContentLabeller.mean(embedder.embedAll(chunkTexts, n -> { }));
                examples.add(ex);
                texts.add(String.join("\n", chunkTexts));
                centroids.add(c);
                refs.add(new ContentLabeller.Reference(ex.metadata().id(), ex.metadata().family(),
                        ex.metadata().methods(), c));
            }
        }
        assertTrue(examples.size() >= 70, "labelled examples: " + examples.size());
        ContentLabeller labeller = new ContentLabeller(refs);
        Map<String, int[]> perFamily = new TreeMap<>();
        int right = 0;
        int methodRight = 0;
        for (int i = 0; i < examples.size(); i++) {
            ExampleMetadataView m = new ExampleMetadataView(examples.get(i));
            InferredLabel label = labeller.label(m.id, texts.get(i), centroids.get(i));
            int[] c = perFamily.computeIfAbsent(m.family, k -> new int[2]);
            c[1]++;
            if (label.family().equals(m.family)) {
                c[0]++;
                right++;
                if (!label.methods().isEmpty() && m.methods.contains(label.methods().get(0))) {
                    methodRight++;
                }
            }
        }
        StringBuilder report = new StringBuilder();
        perFamily.forEach((f, c) -> report.append(String.format(Locale.ROOT, "%-7s %2d/%2d = %.2f%n", f, c[0], c[1],
                c[0] / (double) c[1])));
        double accuracy = right / (double) examples.size();
        report.append(String.format(Locale.ROOT, "overall %d/%d = %.2f; method right %d%n", right, examples.size(), accuracy,
                methodRight));
        System.out.print(report);
        assertTrue(accuracy >= 0.80, report.toString());
        for (Map.Entry<String, int[]> e : perFamily.entrySet()) {
            if (e.getValue()[1] >= 4) {
                assertTrue(e.getValue()[0] / (double) e.getValue()[1] >= 0.5, e.getKey() + "\n" + report);
            }
        }
    }

    @Test
    void cuesAloneLabelAnRGeoLiftScriptAndLeaveUnrelatedTextUnlabelled() {
        ContentLabeller labeller = new ContentLabeller(List.of());
        InferredLabel geo = labeller.label("x", "fit <- GeoLift(Y_id = 'Y', locations = c('chicago'), data = markets)\n"
                + "augsynth::augsynth(Y ~ D, unit = location)", null);
        assertEquals("geo", geo.family());
        assertEquals(1.0, geo.confidence(), 1e-12, "every cue found is a geo cue");
        InferredLabel none = labeller.label("y", "print('hello world')", null);
        assertTrue(!none.assigned() && none.confidence() == 0, none.toString());
    }

    /** The held-out example's true labels. */
    private record ExampleMetadataView(String id, String family, List<String> methods) {
        ExampleMetadataView(LoadedExample ex) {
            this(ex.metadata().id(), ex.metadata().family(), ex.metadata().methods());
        }
    }

    static String all(List<Chunk> chunks) {
        return String.join("\n", chunks.stream().map(Chunk::text).toList());
    }
}
