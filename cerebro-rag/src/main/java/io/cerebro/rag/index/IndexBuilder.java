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
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds an index generation from source folders, incrementally: a file whose content hash and
 * path match the previous generation keeps its chunks and vectors (nothing is re-parsed or
 * re-embedded); when no file changed, no new generation is written. The new generation is
 * published by an atomic swap of {@code CURRENT} only after it is fully committed; if anything
 * fails the partial generation is deleted and the previous one stays in use.
 */
public final class IndexBuilder {
    private IndexBuilder() {
    }

    /** A previous generation's chunks, grouped by file path. */
    private record Previous(Path generation, Map<String, List<ChunkRecord>> byPath) {
    }

    /**
     * Runs a rebuild.
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
            List<ChunkRecord> records = new ArrayList<>();
            List<ChunkRecord> toEmbed = new ArrayList<>();
            Map<String, String> idOwner = new HashMap<>();
            int files = 0;
            int reused = 0;
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
                List<ChunkRecord> old = previous.map(p -> p.byPath().get(f.displayPath())).orElse(null);
                List<ChunkRecord> mine;
                boolean isReuse = old != null && !old.isEmpty() && hash.equals(old.get(0).hash())
                        && old.stream().allMatch(r -> r.vector() != null);
                if (isReuse) {
                    mine = old;
                } else {
                    ExampleLoader.Outcome outcome = ExampleLoader.load(f, bytes);
                    if (outcome instanceof ExampleLoader.Rejected r) {
                        skipped.add(r.skipped());
                        continue;
                    }
                    mine = records(((ExampleLoader.Loaded) outcome).example());
                }
                String id = mine.get(0).id();
                String owner = idOwner.putIfAbsent(id, f.displayPath());
                if (owner != null) {
                    skipped.add(new Skipped(f.displayPath(), "duplicate id", "'" + id + "' is also used by " + owner));
                    continue;
                }
                files++;
                indexedHashes.put(f.displayPath(), hash);
                records.addAll(mine);
                if (isReuse) {
                    reused++;
                } else {
                    toEmbed.addAll(mine);
                }
            }

            if (previous.isPresent() && toEmbed.isEmpty() && sameFiles(previous.get(), indexedHashes)) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                return new RebuildSummary(layout.root(), previous.get().generation(), false, files, records.size(),
                        reused, 0, skipped, note[0], ms);
            }

            long embeddedNow = 0;
            if (!toEmbed.isEmpty()) {
                req.progress().update("model", 0, 1);
                Embedder embedder = req.embedder().get();
                List<String> texts = toEmbed.stream().map(ChunkRecord::embeddingText).toList();
                List<float[]> vectors = embedder.embedAll(texts, n -> req.progress().update("embed", n, texts.size()));
                Map<String, float[]> byChunk = new HashMap<>();
                for (int i = 0; i < toEmbed.size(); i++) {
                    byChunk.put(toEmbed.get(i).chunkId(), vectors.get(i));
                }
                embeddedNow = texts.size();
                List<ChunkRecord> withVectors = new ArrayList<>(records.size());
                for (ChunkRecord r : records) {
                    float[] v = byChunk.get(r.chunkId());
                    withVectors.add(v != null && r.vector() == null ? r.withVector(v) : r);
                }
                records = withVectors;
            }

            records = inferLabels(records);
            Path gen = layout.newGeneration();
            boolean published = false;
            try {
                write(gen, records, req.progress());
                new IndexManifest(IndexManifest.FORMAT, req.modelId(),
                        records.isEmpty() ? 0 : records.get(0).vector().length, Instant.now().toString(),
                        req.sources().stream().map(s -> s.displayRoot()).toList(), files, records.size()).write(gen);
                layout.publish(gen);
                published = true;
            } finally {
                if (!published) {
                    IndexLayout.deleteTree(gen);
                }
            }
            layout.deleteOtherGenerations(gen);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new RebuildSummary(layout.root(), gen, true, files, records.size(), reused, embeddedNow, skipped,
                    note[0], ms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            List<ChunkRecord> old = p.byPath().get(e.getKey());
            if (old == null || !Objects.equals(old.get(0).hash(), e.getValue())) {
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

    /** Reads the previous generation for reuse, or explains in {@code note} why it cannot be reused. */
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
            if (m.format() != IndexManifest.FORMAT || !Objects.equals(m.modelId(), modelId)) {
                note[0] = "the previous index has format " + m.format() + " and model " + m.modelId()
                        + "; rebuilt in full";
                return Optional.empty();
            }
            Map<String, List<ChunkRecord>> byPath = new LinkedHashMap<>();
            try (Directory dir = FSDirectory.open(cur.get()); DirectoryReader reader = DirectoryReader.open(dir)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    StoredFields stored = leaf.reader().storedFields();
                    Bits live = leaf.reader().getLiveDocs();
                    for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                        if (live == null || live.get(d)) {
                            ChunkRecord r = ChunkRecord.fromStored(stored.document(d));
                            byPath.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r);
                        }
                    }
                }
            }
            return Optional.of(new Previous(cur.get(), byPath));
        } catch (IOException | RuntimeException e) {
            note[0] = "the previous index was unreadable (" + e.getClass().getSimpleName() + "); rebuilt in full";
            return Optional.empty();
        }
    }
}
