package io.cerebro.rag.index;

import io.cerebro.core.error.UserInputException;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.embed.Embedder;
import io.cerebro.rag.testing.HashingEmbeddingModel;
import io.cerebro.rag.testing.TestCorpora;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexBuilderTest {
    @TempDir
    Path tmp;

    private HashingEmbeddingModel model = new HashingEmbeddingModel();

    private RebuildSummary rebuild(Path source, Path index) {
        Embedder e = new Embedder(model, HashingEmbeddingModel.ID);
        return IndexBuilder.rebuild(new RebuildRequest(List.of(CorpusSource.folder(source)), index,
                HashingEmbeddingModel.ID, () -> e, RebuildProgress.NONE));
    }

    private CorpusIndex open(Path index) {
        Embedder e = new Embedder(new HashingEmbeddingModel(), HashingEmbeddingModel.ID);
        return CorpusIndex.open(index, () -> e);
    }

    @Test
    void fullBuildIndexesEveryChunkAndSkipsNothingInAGoodCorpus() throws IOException {
        Path src = TestCorpora.copy("mini-corpus", tmp.resolve("src"));
        RebuildSummary s = rebuild(src, tmp.resolve("idx"));
        assertTrue(s.changed());
        assertEquals(7, s.files());
        // WelchRevenue 4, ConversionZTest 2, PropensityMatching 3, DiffInDiff 2, python 3, markdown 3, notebook 3
        assertEquals(20, s.chunks());
        assertEquals(s.chunks(), model.texts.get(), "every chunk embedded once");
        assertEquals(0, s.reusedFiles());
        assertEquals(List.of(), s.skipped());
        try (CorpusIndex idx = open(tmp.resolve("idx"))) {
            IndexStats st = idx.stats();
            assertEquals(7, st.examples());
            assertEquals(20, st.chunks());
            assertEquals(java.util.Map.of("ab", 3, "causal", 3, "uplift", 1), st.byFamily());
            assertEquals(java.util.Map.of("java", 4, "python", 2, "markdown", 1), st.byLanguage());
        }
    }

    @Test
    void unchangedFilesAreNotReEmbedded() throws IOException {
        Path src = TestCorpora.copy("mini-corpus", tmp.resolve("src"));
        Path index = tmp.resolve("idx");
        RebuildSummary first = rebuild(src, index);
        int afterFirst = model.texts.get();

        RebuildSummary same = rebuild(src, index);
        assertFalse(same.changed(), "nothing changed: no new generation");
        assertEquals(first.generation(), same.generation());
        assertEquals(afterFirst, model.texts.get(), "no embedding call when nothing changed");
        assertEquals(7, same.reusedFiles());

        // change one file: only its chunks are embedded
        Path dd = src.resolve("java/causal/DiffInDiff.java");
        Files.writeString(dd, Files.readString(dd).replace("double[] y = {1, 2, 3, 5};", "double[] y = {1, 2, 3, 6};"));
        RebuildSummary one = rebuild(src, index);
        assertTrue(one.changed());
        assertNotEquals(first.generation(), one.generation());
        assertEquals(2, one.embedded(), "DiffInDiff has a class chunk and one method chunk");
        assertEquals(afterFirst + 2, model.texts.get());
        assertEquals(6, one.reusedFiles());
        assertEquals(first.chunks(), one.chunks());

        // delete a file: a new generation without it, nothing embedded
        Files.delete(src.resolve("python/ab/mann_whitney.py"));
        RebuildSummary del = rebuild(src, index);
        assertTrue(del.changed());
        assertEquals(0, del.embedded());
        assertEquals(6, del.files());
        assertEquals(afterFirst + 2, model.texts.get());
        try (CorpusIndex idx = open(index)) {
            assertFalse(idx.exampleIds().contains("ab-mann-whitney-python"));
            assertEquals("causal-did-two-way", idx.search(SearchRequest.of("parallel trends policy states", 1)
                    .withMode(SearchMode.BM25)).get(0).id());
        }
        try (Stream<Path> gens = Files.list(index)) {
            assertEquals(1, gens.filter(p -> p.getFileName().toString().startsWith("gen-")).count(),
                    "old generations are removed");
        }
    }

    @Test
    void failedRebuildLeavesTheOldIndexInUse() throws IOException {
        Path src = TestCorpora.copy("mini-corpus", tmp.resolve("src"));
        Path index = tmp.resolve("idx");
        RebuildSummary first = rebuild(src, index);

        Path dd = src.resolve("java/causal/DiffInDiff.java");
        Files.writeString(dd, Files.readString(dd).replace("parallel trends", "parallel trends POISON"));
        model = new HashingEmbeddingModel(t -> t.contains("POISON"));
        assertThrows(IllegalStateException.class, () -> rebuild(src, index));

        assertEquals(first.generation(), new IndexLayout(index).current().orElseThrow());
        try (Stream<Path> gens = Files.list(index)) {
            assertEquals(List.of(first.generation().getFileName().toString()),
                    gens.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("gen-")).toList(),
                    "the partial generation is deleted");
        }
        try (CorpusIndex idx = open(index)) {
            assertEquals(7, idx.exampleIds().size());
        }
        // and the lock was released: a good rebuild works
        model = new HashingEmbeddingModel();
        Files.writeString(dd, Files.readString(dd).replace(" POISON", " fixed"));
        assertTrue(rebuild(src, index).changed());
    }

    @Test
    void lockedIndexIsRefusedWithOneLine() throws IOException {
        Path src = TestCorpora.copy("mini-corpus", tmp.resolve("src"));
        Path index = tmp.resolve("idx");
        try (Closeable lock = new IndexLayout(index).lock()) {
            UserInputException e = assertThrows(UserInputException.class, () -> rebuild(src, index));
            assertTrue(e.getMessage().contains("is locked by another rebuild"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void missingSourceFolderIsAUserError() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> rebuild(tmp.resolve("nope"), tmp.resolve("idx")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        UserInputException f = assertThrows(UserInputException.class,
                () -> rebuild(TestCorpora.resource("mini-corpus/eval/queries.jsonl"), tmp.resolve("idx")));
        assertTrue(f.getMessage().contains("is not a folder"), f.getMessage());
    }

    @Test
    void corruptIndexNamesTheRebuildCommand() throws IOException {
        Path src = TestCorpora.copy("mini-corpus", tmp.resolve("src"));
        Path index = tmp.resolve("idx");
        RebuildSummary s = rebuild(src, index);
        try (Stream<Path> files = Files.list(s.generation())) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(p, new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        UserInputException e = assertThrows(UserInputException.class, () -> open(index));
        assertTrue(e.getMessage().contains("is corrupt or incompatible"), e.getMessage());
        assertTrue(e.getMessage().contains("cerebro corpus rebuild --index " + index.toAbsolutePath()), e.getMessage());
        // the rebuild the message names repairs it (full rebuild, the previous generation is unreadable)
        RebuildSummary fixed = rebuild(src, index);
        assertTrue(fixed.changed());
        assertTrue(fixed.note().contains("unreadable"), fixed.note());
        try (CorpusIndex idx = open(index)) {
            assertEquals(7, idx.exampleIds().size());
        }
    }

    @Test
    void incompatibleIndexFormatNamesTheRebuildCommand() throws IOException {
        Path src = TestCorpora.copy("mini-corpus", tmp.resolve("src"));
        Path index = tmp.resolve("idx");
        RebuildSummary s = rebuild(src, index);
        Path manifest = s.generation().resolve(IndexManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"format\" : 1", "\"format\" : 99"));
        UserInputException e = assertThrows(UserInputException.class, () -> open(index));
        assertTrue(e.getMessage().contains("format 99"), e.getMessage());
        assertTrue(e.getMessage().contains("cerebro corpus rebuild --index"), e.getMessage());
        UserInputException none = assertThrows(UserInputException.class, () -> open(tmp.resolve("empty")));
        assertTrue(none.getMessage().startsWith("no index in"), none.getMessage());
    }

    @Test
    void badQueriesAndFiltersAreUserErrors() throws IOException {
        Path src = TestCorpora.copy("mini-corpus", tmp.resolve("src"));
        Path index = tmp.resolve("idx");
        rebuild(src, index);
        try (CorpusIndex idx = open(index)) {
            assertThrows(UserInputException.class, () -> SearchRequest.of("  ", 5));
            UserInputException fam = assertThrows(UserInputException.class,
                    () -> idx.search(SearchRequest.of("t test", 5).withFilters("astrology", null, null)));
            assertTrue(fam.getMessage().startsWith("unknown family 'astrology'; use one of: ab, bandit, causal"),
                    fam.getMessage());
            assertThrows(UserInputException.class,
                    () -> idx.search(SearchRequest.of("t test", 5).withFilters(null, "ab.nope", null)));
            // a catalogue family without examples is valid and returns nothing
            assertEquals(List.of(), idx.search(SearchRequest.of("t test", 5).withFilters("mmm", null, null)));
        }
    }

    @Test
    void filtersRestrictEveryMode() throws IOException {
        Path src = TestCorpora.copy("mini-corpus", tmp.resolve("src"));
        Path index = tmp.resolve("idx");
        rebuild(src, index);
        try (CorpusIndex idx = open(index)) {
            for (SearchMode mode : SearchMode.values()) {
                List<SearchHit> hits = idx.search(SearchRequest.of("test of treatment effect", 10).withMode(mode)
                        .withFilters("causal", null, null));
                assertFalse(hits.isEmpty(), mode.toString());
                assertTrue(hits.stream().allMatch(h -> h.family().equals("causal")), mode + " " + hits);
                List<SearchHit> byMethod = idx.search(SearchRequest.of("regression", 10).withMode(mode)
                        .withFilters(null, "causal.fuzzy_rdd", "markdown"));
                assertEquals(List.of("causal-rdd-explainer"), byMethod.stream().map(SearchHit::id).toList());
            }
        }
    }

    @Test
    void sourceFolderBehindASymbolicLinkIsFollowed() throws IOException {
        Path src = TestCorpora.copy("mini-corpus", tmp.resolve("src"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), src);
        RebuildSummary s = rebuild(link, tmp.resolve("idx"));
        assertEquals(7, s.files());
    }

    @Test
    void skippedFilesAreCountedByReason() {
        RebuildSummary s = rebuild(TestCorpora.resource("bad-corpus"), tmp.resolve("idx"));
        assertEquals(1, s.files(), "only the header-less notes.md is indexable");
        assertEquals(5, s.skipped().size());
        assertEquals(1, s.skippedByReason().get("binary file"));
        assertTrue(s.render().contains("skipped 5 files"), s.render());
    }
}
