package io.cerebro.rag.index;

import io.cerebro.rag.chunk.ExampleLoader;
import io.cerebro.rag.chunk.LoadedExample;
import io.cerebro.rag.corpus.Chunk;
import io.cerebro.rag.corpus.CorpusScanner;
import io.cerebro.rag.corpus.ExampleMetadata;
import io.cerebro.rag.corpus.Skipped;
import io.cerebro.rag.corpus.SourceFile;
import io.cerebro.rag.embed.Embedder;
import io.cerebro.rag.label.ContentLabeller;
import io.cerebro.rag.label.InferredLabel;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds an index generation from source folders, incrementally: a file whose content hash and
 * path match the previous generation keeps its chunks and vectors (nothing is re-parsed or
 * re-embedded); when no file changed, no new generation is written. The new generation is
 * published by an atomic swap of {@code CURRENT} only after it is fully committed; if anything
 * fails the partial generation is deleted and the previous one stays in use.
 */
public final class IndexBuilder {
    /**
     * HNSW graph degree (Lucene's {@code maxConn}, the M of the HNSW paper) the vector field is
     * written with. Lucene's default, stated here so that benchmarks report the setting they measured.
     */
    public static final int HNSW_M = Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN;
    /** HNSW candidate list size while the graph is built (Lucene's {@code beamWidth}, efConstruction). */
    public static final int HNSW_BEAM_WIDTH = Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH;

    private IndexBuilder() {
    }

    /**
     * The codec every writer of an index uses: Lucene's default with the vector format pinned to
     * {@link #HNSW_M} and {@link #HNSW_BEAM_WIDTH}. The codec keeps its name, so any reader opens the
     * index with the default codec.
     */
    static Codec codec() {
        KnnVectorsFormat vectors = new Lucene99HnswVectorsFormat(HNSW_M, HNSW_BEAM_WIDTH);
        return new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return vectors;
            }
        };
    }

    /**
     * What the previous generation holds, read from a few stored fields only: per file path its
     * content hash, example id and chunk count, and whether any example carries an inferred label.
     */
    private record Previous(Path generation, int dimension, Map<String, FileEntry> byPath, boolean anyInferred) {
    }

    /** One indexed file of the previous generation. */
    private record FileEntry(String hash, String id, int chunks) {
    }

    /**
     * Runs a rebuild.
     *
     * <p>Two ways to write the new generation: when the previous one was built with the same model
     * and every new or changed example carries its own family (a header), the new generation starts
     * as hard links to the previous generation's immutable Lucene files, and only the changed
     * files' documents are deleted and added, so the cost is that of the change, not of the corpus
     * (the HNSW graph is not rebuilt). Otherwise (first build, another model, header-less files
     * whose inferred labels depend on the whole corpus) every document is written afresh, reusing
     * the stored vectors of unchanged files. Either way the previous generation is never modified
     * and {@code CURRENT} is swapped only after the new one is committed.
     *
     * @throws io.cerebro.core.error.UserInputException for a missing or unreadable source folder or a locked index
     */
    public static RebuildSummary rebuild(RebuildRequest req) {
        long t0 = System.nanoTime();
        IndexLayout layout = new IndexLayout(req.index());
        CorpusScanner.Scan scan = CorpusScanner.scan(req.sources());
        try (Closeable ignored = layout.lock()) {
            String[] note = {""};
            Optional<Previous> previous = readPrevious(layout, req.modelId(), note);

            List<Skipped> skipped = new ArrayList<>(scan.skipped());
            List<ChunkRecord> fresh = new ArrayList<>();
            Map<String, String> idOwner = new HashMap<>();
            int files = 0;
            int reused = 0;
            int chunks = 0;
            int done = 0;
            Map<String, String> indexedHashes = new LinkedHashMap<>();
            for (SourceFile f : scan.files()) {
                req.progress().update("load", ++done, scan.files().size());
                byte[] bytes;
                try {
                    bytes = ExampleLoader.readBytes(f);
                } catch (IOException e) {
                    skipped.add(new Skipped(f.displayPath(), "unreadable", String.valueOf(e.getMessage())));
                    continue;
                }
                String hash = ExampleLoader.sha256(bytes);
                FileEntry old = previous.map(p -> p.byPath().get(f.displayPath())).orElse(null);
                boolean isReuse = old != null && hash.equals(old.hash());
                String id;
                List<ChunkRecord> mine = null;
                if (isReuse) {
                    id = old.id();
                } else {
                    ExampleLoader.Outcome outcome = ExampleLoader.load(f, bytes);
                    if (outcome instanceof ExampleLoader.Rejected r) {
                        skipped.add(r.skipped());
                        continue;
                    }
                    mine = records(((ExampleLoader.Loaded) outcome).example());
                    id = mine.get(0).id();
                }
                String owner = idOwner.putIfAbsent(id, f.displayPath());
                if (owner != null) {
                    skipped.add(new Skipped(f.displayPath(), "duplicate id", "'" + id + "' is also used by " + owner));
                    continue;
                }
                files++;
                indexedHashes.put(f.displayPath(), hash);
                if (isReuse) {
                    reused++;
                    chunks += old.chunks();
                } else {
                    fresh.addAll(mine);
                    chunks += mine.size();
                }
            }

            if (previous.isPresent() && fresh.isEmpty() && sameFiles(previous.get(), indexedHashes)) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                return new RebuildSummary(layout.root(), previous.get().generation(), false, files, chunks,
                        reused, 0, skipped, note[0], ms);
            }

            long embeddedNow = 0;
            if (!fresh.isEmpty()) {
                req.progress().update("model", 0, 1);
                Embedder embedder = req.embedder().get();
                List<String> texts = fresh.stream().map(ChunkRecord::embeddingText).toList();
                List<float[]> vectors = embedder.embedAll(texts, n -> req.progress().update("embed", n, texts.size()));
                List<ChunkRecord> withVectors = new ArrayList<>(fresh.size());
                for (int i = 0; i < fresh.size(); i++) {
                    withVectors.add(fresh.get(i).withVector(vectors.get(i)));
                }
                fresh = withVectors;
                embeddedNow = texts.size();
            }

            boolean inPlace = previous.isPresent() && !previous.get().anyInferred()
                    && fresh.stream().noneMatch(r -> r.family().isEmpty());
            Path gen = layout.newGeneration();
            boolean published = false;
            try {
                if (inPlace) {
                    Set<String> gone = new HashSet<>(previous.get().byPath().keySet());
                    indexedHashes.forEach((path, hash) -> {
                        FileEntry old = previous.get().byPath().get(path);
                        if (old != null && old.hash().equals(hash)) {
                            gone.remove(path);
                        }
                    });
                    update(previous.get().generation(), gen, gone, fresh, req.progress());
                } else {
                    List<ChunkRecord> records = new ArrayList<>();
                    Map<String, List<ChunkRecord>> kept = previous.isPresent()
                            ? readRecords(previous.get().generation(), indexedHashes) : Map.of();
                    Map<String, List<ChunkRecord>> freshByPath = new LinkedHashMap<>();
                    fresh.forEach(r -> freshByPath.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r));
                    for (String path : indexedHashes.keySet()) {
                        List<ChunkRecord> k = freshByPath.get(path);
                        records.addAll(k != null ? k : kept.getOrDefault(path, List.of()));
                    }
                    write(gen, inferLabels(records), req.progress());
                }
                int dimension = !fresh.isEmpty() ? fresh.get(0).vector().length
                        : previous.map(Previous::dimension).orElse(0);
                new IndexManifest(IndexManifest.FORMAT, req.modelId(), dimension,
                        Instant.now().toString(), req.sources().stream().map(s -> s.displayRoot()).toList(), files,
                        chunks).write(gen);
                layout.publish(gen);
                published = true;
            } finally {
                if (!published) {
                    IndexLayout.deleteTree(gen);
                }
            }
            layout.deleteOtherGenerations(gen);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new RebuildSummary(layout.root(), gen, true, files, chunks, reused, embeddedNow, skipped,
                    note[0], ms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes generation {@code gen} as the previous one minus the documents of the files in
     * {@code gone} plus {@code fresh}: the previous files are hard-linked (copied where the file
     * system has no links), never opened for writing.
     */
    private static void update(Path previous, Path gen, Set<String> gone, List<ChunkRecord> fresh,
                               RebuildProgress progress) throws IOException {
        try (Stream<Path> s = Files.list(previous)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.equals(IndexManifest.FILE) || name.equals("write.lock") || !Files.isRegularFile(p)) {
                    continue;
                }
                try {
                    Files.createLink(gen.resolve(name), p);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(p, gen.resolve(name));
                }
            }
        }
        IndexWriterConfig cfg = new IndexWriterConfig(ChunkRecord.analyzer());
        cfg.setCodec(codec());
        cfg.setOpenMode(IndexWriterConfig.OpenMode.APPEND);
        cfg.setCommitOnClose(false);
        try (Directory dir = FSDirectory.open(gen); IndexWriter w = new IndexWriter(dir, cfg)) {
            for (String path : gone) {
                w.deleteDocuments(new Term(IndexFields.PATH, path));
            }
            int n = 0;
            for (ChunkRecord r : fresh) {
                w.addDocument(r.toDocument());
                progress.update("write", ++n, fresh.size());
            }
            w.commit();
        }
    }

    /**
     * Labels the examples that have no family from their content and their nearest labelled
     * examples of this build (see {@link ContentLabeller}); examples with a header keep theirs.
     */
    static List<ChunkRecord> inferLabels(List<ChunkRecord> records) {
        Map<String, List<ChunkRecord>> byId = new LinkedHashMap<>();
        for (ChunkRecord r : records) {
            byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
        }
        List<ContentLabeller.Reference> refs = new ArrayList<>();
        boolean anyUnlabelled = false;
        for (List<ChunkRecord> chunks : byId.values()) {
            ChunkRecord first = chunks.get(0);
            if (first.family().isEmpty()) {
                anyUnlabelled = true;
            } else {
                refs.add(new ContentLabeller.Reference(first.id(), first.family(), first.methods(),
                        ContentLabeller.mean(chunks.stream().map(ChunkRecord::vector).toList())));
            }
        }
        if (!anyUnlabelled) {
            return records;
        }
        ContentLabeller labeller = new ContentLabeller(refs);
        Map<String, InferredLabel> labels = new HashMap<>();
        byId.values().parallelStream().filter(c -> c.get(0).family().isEmpty()).forEach(chunks -> {
            String text = String.join("\n", chunks.stream().map(ChunkRecord::code).toList());
            InferredLabel l = labeller.label(chunks.get(0).id(), text,
                    ContentLabeller.mean(chunks.stream().map(ChunkRecord::vector).toList()));
            synchronized (labels) {
                labels.put(chunks.get(0).id(), l);
            }
        });
        List<ChunkRecord> out = new ArrayList<>(records.size());
        for (ChunkRecord r : records) {
            InferredLabel l = labels.get(r.id());
            out.add(l == null ? r : r.withInferred(l));
        }
        return out;
    }

    private static boolean sameFiles(Previous p, Map<String, String> now) {
        if (p.byPath().size() != now.size()) {
            return false;
        }
        for (Map.Entry<String, String> e : now.entrySet()) {
            FileEntry old = p.byPath().get(e.getKey());
            if (old == null || !Objects.equals(old.hash(), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static List<ChunkRecord> records(LoadedExample ex) {
        ExampleMetadata m = ex.metadata();
        List<ChunkRecord> out = new ArrayList<>();
        int i = 0;
        for (Chunk c : ex.chunks()) {
            out.add(new ChunkRecord(m.id(), m.id() + "#" + i++, m.title(), m.family(), m.methods(), m.language(),
                    ex.file().displayPath(), ex.contentHash(), m.description(), m.libraries(), m.hasHeader(),
                    c.kind(), c.name(), c.startLine(), c.text(), null));
        }
        return out;
    }

    private static void write(Path gen, List<ChunkRecord> records, RebuildProgress progress) throws IOException {
        IndexWriterConfig cfg = new IndexWriterConfig(ChunkRecord.analyzer());
        cfg.setCodec(codec());
        cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        cfg.setRAMBufferSizeMB(128);
        cfg.setCommitOnClose(false);
        try (Directory dir = FSDirectory.open(gen); IndexWriter w = new IndexWriter(dir, cfg)) {
            int n = 0;
            for (ChunkRecord r : records) {
                w.addDocument(r.toDocument());
                if (++n % 256 == 0 || n == records.size()) {
                    progress.update("write", n, records.size());
                }
            }
            // one segment keeps queries fast; for huge trees the merge costs more than it saves
            if (records.size() <= 50_000) {
                w.forceMerge(1);
            }
            w.commit();
        }
    }

    /** Reads what the previous generation holds, or explains in {@code note} why it cannot be reused. */
    private static Optional<Previous> readPrevious(IndexLayout layout, String modelId, String[] note) {
        Optional<Path> cur;
        try {
            cur = layout.current();
        } catch (IOException e) {
            note[0] = "the previous index was unreadable (" + e.getMessage() + "); rebuilt in full";
            return Optional.empty();
        }
        if (cur.isEmpty()) {
            return Optional.empty();
        }
        try {
            IndexManifest m = IndexManifest.read(cur.get());
            if (m.format() == IndexManifest.FORMAT && !Objects.equals(m.modelId(), modelId)) {
                // vectors of two models are not comparable: never reuse one model's vectors in the other's index
                note[0] = "the previous index was built with embedding model " + m.modelId() + "; every chunk was"
                        + " embedded again with " + modelId;
                return Optional.empty();
            }
            if (m.format() != IndexManifest.FORMAT) {
                note[0] = "the previous index has format " + m.format() + " and model " + m.modelId()
                        + "; rebuilt in full";
                return Optional.empty();
            }
            Map<String, FileEntry> byPath = new LinkedHashMap<>();
            boolean anyInferred = false;
            Set<String> fields = Set.of(IndexFields.PATH, IndexFields.HASH, IndexFields.ID, IndexFields.INFERRED_CONFIDENCE);
            try (Directory dir = FSDirectory.open(cur.get()); DirectoryReader reader = DirectoryReader.open(dir)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    StoredFields stored = leaf.reader().storedFields();
                    Bits live = leaf.reader().getLiveDocs();
                    for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                        if (live == null || live.get(d)) {
                            Document doc = stored.document(d, fields);
                            anyInferred |= doc.getField(IndexFields.INFERRED_CONFIDENCE) != null;
                            FileEntry e = byPath.get(doc.get(IndexFields.PATH));
                            byPath.put(doc.get(IndexFields.PATH), new FileEntry(doc.get(IndexFields.HASH),
                                    doc.get(IndexFields.ID), e == null ? 1 : e.chunks() + 1));
                        }
                    }
                }
            }
            return Optional.of(new Previous(cur.get(), m.dimension(), byPath, anyInferred));
        } catch (IOException | RuntimeException e) {
            note[0] = "the previous index was unreadable (" + e.getClass().getSimpleName() + "); rebuilt in full";
            return Optional.empty();
        }
    }

    /** The stored chunks (with vectors) of the files in {@code wanted} whose hash still matches, by path. */
    private static Map<String, List<ChunkRecord>> readRecords(Path generation, Map<String, String> wanted)
            throws IOException {
        Map<String, List<ChunkRecord>> byPath = new HashMap<>();
        try (Directory dir = FSDirectory.open(generation); DirectoryReader reader = DirectoryReader.open(dir)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                Bits live = leaf.reader().getLiveDocs();
                for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                    if (live == null || live.get(d)) {
                        ChunkRecord r = ChunkRecord.fromStored(stored.document(d));
                        if (r.vector() != null && r.hash().equals(wanted.get(r.path()))) {
                            byPath.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r);
                        }
                    }
                }
            }
        }
        return byPath;
    }
}
