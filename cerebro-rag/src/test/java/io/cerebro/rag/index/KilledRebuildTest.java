package io.cerebro.rag.index;

import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.embed.Embedder;
import io.cerebro.rag.testing.HashingEmbeddingModel;
import io.cerebro.rag.testing.TestCorpora;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rebuild killed with SIGKILL (a real child JVM, {@link Process#destroyForcibly}) while it
 * embeds, or while it writes the new generation, leaves the previous index serving, and the next
 * rebuild succeeds (the OS released the lock).
 */
class KilledRebuildTest {
    @ParameterizedTest
    @ValueSource(strings = {"embed", "write"})
    void killedRebuildLeavesThePreviousIndexServing(String phase, @TempDir Path tmp) throws Exception {
        Path corpus = TestCorpora.copy("mini-corpus", tmp.resolve("corpus"));
        Path index = tmp.resolve("index");
        Embedder e = new Embedder(new HashingEmbeddingModel(), HashingEmbeddingModel.ID);
        RebuildRequest req = new RebuildRequest(List.of(CorpusSource.folder(corpus)), index, HashingEmbeddingModel.ID,
                () -> e, RebuildProgress.NONE);
        RebuildSummary first = IndexBuilder.rebuild(req);
        Path before = new IndexLayout(index).current().orElseThrow();

        // one changed file forces a new generation
        Path changed = corpus.resolve("python/ab/mann_whitney.py");
        Files.writeString(changed, "\n\ndef extra_helper(x):\n    return x\n", StandardOpenOption.APPEND);
        Path marker = tmp.resolve("marker");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledRebuildChild.class.getName(),
                corpus.toString(), index.toString(), phase, marker.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(marker), "the child never reached " + phase + ": " + Files.readString(tmp.resolve("child.log")));
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(child.isAlive());

        assertEquals(before, new IndexLayout(index).current().orElseThrow(), "CURRENT still names the old generation");
        try (CorpusIndex idx = CorpusIndex.open(index, () -> e)) {
            assertEquals(first.chunks(), idx.stats().chunks(), "the old generation serves in full");
            assertFalse(idx.search(SearchRequest.of("mann whitney", 3)).isEmpty());
        }
        RebuildSummary next = IndexBuilder.rebuild(req);
        assertTrue(next.changed(), "the next rebuild publishes the change");
        assertEquals(1, new IndexLayout(index).generations().size(), "the partial generation was cleaned up");
    }
}
