package io.cerebro.rag.bench;

import io.cerebro.core.error.UserInputException;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.embed.Embedder;
import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.IndexBuilder;
import io.cerebro.rag.index.IndexStats;
import io.cerebro.rag.index.RebuildProgress;
import io.cerebro.rag.index.RebuildRequest;
import io.cerebro.rag.index.RebuildSummary;
import io.cerebro.rag.index.SearchHit;
import io.cerebro.rag.index.SearchMode;
import io.cerebro.rag.index.SearchRequest;
import io.cerebro.rag.testing.HashingEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The logic the scale benchmark measures, on a small generated corpus (200 examples, 2,000 chunks)
 * with the test's hashing embedding: the generator's determinism and shape, the in-place
 * incremental rebuild (one file changed or removed), that a failed in-place rebuild leaves the
 * previous generation serving, and that an index never mixes two embedding models.
 */
class GeneratedCorpusRebuildTest {
    @TempDir
    static Path tmp;
    static Path corpus;

    @BeforeAll
    static void generate() throws IOException {
        corpus = tmp.resolve("corpus");
        WorkedExampleGenerator.write(corpus, 200, 7);
    }

    private static RebuildSummary rebuild(Path index, String modelId, RebuildProgress progress) {
        Embedder e = new Embedder(new HashingEmbeddingModel(), modelId);
        return IndexBuilder.rebuild(new RebuildRequest(List.of(CorpusSource.folder(corpus)), index, modelId, () -> e,
                progress));
    }

    private static CorpusIndex open(Path index) {
        Embedder e = new Embedder(new HashingEmbeddingModel(), HashingEmbeddingModel.ID);
        return CorpusIndex.open(index, () -> e);
    }

    @Test
    void generatorIsDeterministicExtendsSmallerCorporaAndCoversEveryFamily() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        List<Path> small = WorkedExampleGenerator.write(a, 30, 7);
        WorkedExampleGenerator.write(b, 60, 7);
        for (Path p : small) {
            assertEquals(Files.readString(p), Files.readString(b.resolve(a.relativize(p))), p.toString());
        }
        try (Stream<Path> s = Files.walk(corpus)) {
            assertEquals(200, s.filter(Files::isRegularFile).map(GeneratedCorpusRebuildTest::read).distinct().count());
        }
    }

    @Test
    void everyExampleIsTenChunksWithItsFamilyAndMethod() throws IOException {
        Path index = tmp.resolve("shape");
        RebuildSummary s = rebuild(index, HashingEmbeddingModel.ID, RebuildProgress.NONE);
        assertEquals(200, s.files(), s.render());
        assertEquals(200 * WorkedExampleGenerator.CHUNKS_PER_EXAMPLE, s.chunks(), s.render());
        assertTrue(s.skipped().isEmpty(), s.render());
        try (CorpusIndex idx = open(index)) {
            IndexStats st = idx.stats();
            assertEquals(Set.of("ab", "power", "causal", "geo", "uplift", "mmm", "bandit", "tune"), st.byFamily().keySet());
            assertTrue(st.byLanguage().keySet().containsAll(Set.of("python", "r")), st.byLanguage().toString());
            assertTrue(st.byMethod().size() >= 25, st.byMethod().toString());
        }
    }

    @Test
    void oneChangedFileIsRewrittenInPlaceAndARemovedFileLeaves() throws IOException {
        Path index = tmp.resolve("incremental");
        Path copy = tmp.resolve("incremental-corpus");
        copyTree(corpus, copy);
        Embedder e = new Embedder(new HashingEmbeddingModel(), HashingEmbeddingModel.ID);
        RebuildRequest req = new RebuildRequest(List.of(CorpusSource.folder(copy)), index, HashingEmbeddingModel.ID,
                () -> e, RebuildProgress.NONE);
        IndexBuilder.rebuild(req);
        Path victim;
        try (Stream<Path> s = Files.walk(copy)) {
            victim = s.filter(p -> p.toString().endsWith(".py")).sorted().findFirst().orElseThrow();
        }
        Files.writeString(victim, "\n\ndef zebra_giraffe_quokka(df):\n    \"\"\"Counts quokkas.\"\"\"\n    return len(df)\n",
                StandardOpenOption.APPEND);
        long before = e.embeddedCount();
        RebuildSummary one = IndexBuilder.rebuild(req);
        assertTrue(one.changed(), one.render());
        assertEquals(199, one.reusedFiles(), one.render());
        assertEquals(11, one.embedded(), one.render()); // the changed file's ten chunks and its new function
        assertEquals(11, e.embeddedCount() - before);
        assertEquals(2001, one.chunks(), one.render());
        try (CorpusIndex idx = open(index)) {
            assertEquals(2001, idx.stats().chunks());
            List<SearchHit> hits = idx.search(SearchRequest.of("zebra giraffe quokka", 1).withMode(SearchMode.BM25));
            assertEquals(victim.toAbsolutePath().normalize().toString(), hits.get(0).path());
        }
        Files.delete(victim);
        RebuildSummary gone = IndexBuilder.rebuild(req);
        assertEquals(0, gone.embedded(), gone.render());
        assertEquals(1990, gone.chunks(), gone.render());
        try (CorpusIndex idx = open(index)) {
            assertEquals(1990, idx.stats().chunks());
            assertEquals(199, idx.exampleIds().size());
            assertTrue(idx.search(SearchRequest.of("zebra giraffe quokka", 5).withMode(SearchMode.BM25)).isEmpty());
        }
    }

    @Test
    void aFailedInPlaceRebuildLeavesThePreviousGenerationServing() throws IOException {
        Path index = tmp.resolve("atomic");
        Path copy = tmp.resolve("atomic-corpus");
        copyTree(corpus, copy);
        Embedder e = new Embedder(new HashingEmbeddingModel(), HashingEmbeddingModel.ID);
        IndexBuilder.rebuild(new RebuildRequest(List.of(CorpusSource.folder(copy)), index, HashingEmbeddingModel.ID,
                () -> e, RebuildProgress.NONE));
        String current = Files.readString(index.resolve("CURRENT"));
        Path victim;
        try (Stream<Path> s = Files.walk(copy)) {
            victim = s.filter(p -> p.toString().endsWith(".R")).sorted().findFirst().orElseThrow();
        }
        Files.writeString(victim, "\n# changed\n", StandardOpenOption.APPEND);
        RebuildProgress failing = (phase, done, total) -> {
            if (phase.equals("write")) {
                throw new IllegalStateException("disk full while writing");
            }
        };
        assertThrows(IllegalStateException.class, () -> IndexBuilder.rebuild(new RebuildRequest(
                List.of(CorpusSource.folder(copy)), index, HashingEmbeddingModel.ID, () -> e, failing)));
        assertEquals(current, Files.readString(index.resolve("CURRENT")));
        try (CorpusIndex idx = open(index); Stream<Path> gens = Files.list(index)) {
            assertEquals(2000, idx.stats().chunks());
            assertEquals(1, gens.filter(p -> p.getFileName().toString().startsWith("gen-")).count());
        }
    }

    @Test
    void anIndexNeverMixesTwoEmbeddingModels() {
        Path index = tmp.resolve("models");
        rebuild(index, HashingEmbeddingModel.ID, RebuildProgress.NONE);
        // querying with another model is refused in one line that names the rebuild
        Embedder other = new Embedder(new HashingEmbeddingModel(), "another-model");
        try (CorpusIndex idx = CorpusIndex.open(index, () -> other)) {
            UserInputException ex = assertThrows(UserInputException.class,
                    () -> idx.search(SearchRequest.of("propensity matching", 3)));
            assertTrue(ex.getMessage().contains("cerebro corpus rebuild --index") && !ex.getMessage().contains("\n"),
                    ex.getMessage());
            // BM25 needs no vectors and still answers
            assertFalse(idx.search(SearchRequest.of("propensity matching", 3).withMode(SearchMode.BM25)).isEmpty());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // rebuilding with another model re-embeds every chunk: no vector of the first model is kept
        RebuildSummary s = rebuild(index, "another-model", RebuildProgress.NONE);
        assertEquals(2000, s.embedded(), s.render());
        assertEquals(0, s.reusedFiles(), s.render());
        assertTrue(s.note().contains("built with embedding model " + HashingEmbeddingModel.ID), s.note());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dst = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
        }
    }
}
