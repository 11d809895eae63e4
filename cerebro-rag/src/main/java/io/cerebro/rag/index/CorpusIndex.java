package io.cerebro.rag.index;

import io.cerebro.core.error.UserInputException;
import io.cerebro.rag.embed.Embedder;
import io.cerebro.rag.embed.EmbeddingModels;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An open index generation that answers BM25, vector and hybrid queries. Hits are examples, not
 * chunks: each retriever ranks chunks, and an example takes the rank of its best chunk. Open it
 * once and reuse it; it is safe for concurrent searches.
 */
public final class CorpusIndex implements Closeable {
    /** Families of the method catalogue; a filter may also name any family present in the index. */
    public static final Set<String> CATALOGUE_FAMILIES =
            Set.of("ab", "power", "causal", "geo", "uplift", "mmm", "bandit", "tune");
    /** Weight of the metadata field (title, description, methods) relative to the code field in BM25. */
    static final float META_BOOST = 2.0f;

    private final Path root;
    private final Path generation;
    private final IndexManifest manifest;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Supplier<Embedder> embedder;
    private final Set<String> families;
    private final Set<String> methods;
    private final Set<String> languages;
    /** Example id of every chunk document, so collapsing chunks to examples needs no stored-field reads. */
    private final String[] idByDoc;

    private CorpusIndex(Path root, Path generation, IndexManifest manifest, Directory directory,
                        DirectoryReader reader, Supplier<Embedder> embedder) throws IOException {
        this.root = root;
        this.generation = generation;
        this.manifest = manifest;
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.embedder = embedder;
        this.families = terms(IndexFields.FAMILY);
        this.methods = terms(IndexFields.METHOD);
        this.languages = terms(IndexFields.LANGUAGE);
        this.idByDoc = idsByDoc(reader);
    }

    private static String[] idsByDoc(DirectoryReader reader) throws IOException {
        String[] ids = new String[reader.maxDoc()];
        for (LeafReaderContext leaf : reader.leaves()) {
            SortedDocValues dv = DocValues.getSorted(leaf.reader(), IndexFields.ID);
            String[] byOrd = new String[dv.getValueCount()];
            for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                if (dv.advanceExact(d)) {
                    int ord = dv.ordValue();
                    if (byOrd[ord] == null) {
                        byOrd[ord] = dv.lookupOrd(ord).utf8ToString();
                    }
                    ids[leaf.docBase + d] = byOrd[ord];
                }
            }
        }
        return ids;
    }

    /**
     * Opens the index in use in a folder, to be queried with the embedding model that built it
     * (recorded in its manifest).
     *
     * @throws UserInputException when the folder holds no index, or a corrupt or incompatible one
     */
    public static CorpusIndex open(Path indexDir) {
        return open(indexDir, null);
    }

    /**
     * Opens the index in use in a folder.
     *
     * @param indexDir the index folder
     * @param embedder supplies the query embedder (called on the first vector or hybrid query); its
     *                 model must be the one that built the index, or the first vector query fails
     *                 with a line naming the rebuild command; null: the index's own model
     * @throws UserInputException when the folder holds no index, or a corrupt or incompatible one;
     *                            the message names the rebuild command
     */
    public static CorpusIndex open(Path indexDir, Supplier<Embedder> embedder) {
        IndexLayout layout = new IndexLayout(indexDir);
        String rebuild = "cerebro corpus rebuild --index " + layout.root();
        Optional<Path> gen;
        try {
            gen = layout.current();
        } catch (IOException e) {
            throw corrupt(layout.root(), e.getMessage(), rebuild);
        }
        if (gen.isEmpty()) {
            throw new UserInputException("no index in " + layout.root() + "; build it with: " + rebuild);
        }
        IndexManifest manifest;
        try {
            manifest = IndexManifest.read(gen.get());
        } catch (IOException e) {
            throw corrupt(layout.root(), "its manifest is missing or unreadable", rebuild);
        }
        if (manifest.format() != IndexManifest.FORMAT) {
            throw new UserInputException("index in " + layout.root() + " has format " + manifest.format()
                    + " but this Cerebro reads format " + IndexManifest.FORMAT + "; rebuild it with: " + rebuild);
        }
        Directory dir = null;
        try {
            dir = FSDirectory.open(gen.get());
            DirectoryReader reader = DirectoryReader.open(dir);
            String model = manifest.modelId();
            Supplier<Embedder> queryModel = embedder != null ? embedder : () -> EmbeddingModels.forId(model);
            return new CorpusIndex(layout.root(), gen.get(), manifest, dir, reader, queryModel);
        } catch (IndexFormatTooOldException | IndexFormatTooNewException e) {
            close(dir);
            throw corrupt(layout.root(), "unknown Lucene format", rebuild);
        } catch (CorruptIndexException e) {
            close(dir);
            throw corrupt(layout.root(), "Lucene reports corruption", rebuild);
        } catch (IOException | RuntimeException e) {
            close(dir);
            throw corrupt(layout.root(), e.getClass().getSimpleName(), rebuild);
        }
    }

    private static UserInputException corrupt(Path root, String why, String rebuild) {
        return new UserInputException("index in " + root + " is corrupt or incompatible (" + why + "); rebuild it with: "
                + rebuild);
    }

    private static void close(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** The index folder. */
    public Path root() {
        return root;
    }

    /** The manifest of the generation in use. */
    public IndexManifest manifest() {
        return manifest;
    }

    /** Families present in the index. */
    public Set<String> families() {
        return families;
    }

    /**
     * Runs a query.
     *
     * @throws UserInputException for an unknown family, method or language filter
     */
    public List<SearchHit> search(SearchRequest req) {
        Query filter = filter(req);
        try {
            Ranked bm25 = req.mode() == SearchMode.VECTOR ? Ranked.EMPTY : bm25(req, filter);
            Ranked vec = req.mode() == SearchMode.BM25 ? Ranked.EMPTY : vector(req, filter);
            List<SearchHit> hits = new ArrayList<>();
            switch (req.mode()) {
                case BM25 -> {
                    for (int i = 0; i < Math.min(req.k(), bm25.ids.size()); i++) {
                        String id = bm25.ids.get(i);
                        hits.add(hit(i + 1, bm25.best.get(id), bm25.scores.get(id), i + 1, null));
                    }
                }
                case VECTOR -> {
                    for (int i = 0; i < Math.min(req.k(), vec.ids.size()); i++) {
                        String id = vec.ids.get(i);
                        hits.add(hit(i + 1, vec.best.get(id), vec.scores.get(id), null, i + 1));
                    }
                }
                case HYBRID -> {
                    LinkedHashMap<String, Double> fused = ReciprocalRankFusion.fuse(List.of(bm25.ids, vec.ids),
                            new double[]{req.bm25Weight(), req.vectorWeight()}, req.rrfK());
                    int rank = 0;
                    for (Map.Entry<String, Double> e : fused.entrySet()) {
                        if (rank == req.k()) {
                            break;
                        }
                        String id = e.getKey();
                        Integer br = bm25.rank(id);
                        Integer vr = vec.rank(id);
                        int doc = vr != null && (br == null || vr < br) ? vec.best.get(id) : bm25.best.get(id);
                        hits.add(hit(++rank, doc, e.getValue(), br, vr));
                    }
                }
            }
            return hits;
        } catch (IOException e) {
            throw corrupt(root, e.getClass().getSimpleName() + " while searching",
                    "cerebro corpus rebuild --index " + root);
        }
    }

    /** A retriever's answer collapsed to examples: ids best first, each with its best chunk and score. */
    private record Ranked(List<String> ids, Map<String, Integer> best, Map<String, Double> scores) {
        static final Ranked EMPTY = new Ranked(List.of(), Map.of(), Map.of());

        Integer rank(String id) {
            int i = ids.indexOf(id);
            return i < 0 ? null : i + 1;
        }
    }

    private Ranked bm25(SearchRequest req, Query filter) throws IOException {
        QueryBuilder qb = new QueryBuilder(ChunkRecord.analyzer());
        Query meta = qb.createBooleanQuery(IndexFields.META_TEXT, req.query());
        Query code = qb.createBooleanQuery(IndexFields.CODE_TEXT, req.query());
        if (meta == null && code == null) {
            return Ranked.EMPTY;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (meta != null) {
            b.add(new BoostQuery(meta, META_BOOST), BooleanClause.Occur.SHOULD);
        }
        if (code != null) {
            b.add(code, BooleanClause.Occur.SHOULD);
        }
        if (filter != null) {
            b.add(filter, BooleanClause.Occur.FILTER);
        }
        return collapse(searcher.search(b.build(), req.candidates()));
    }

    private Ranked vector(SearchRequest req, Query filter) throws IOException {
        if (reader.numDocs() == 0) {
            return Ranked.EMPTY;
        }
        Embedder e = embedder.get();
        if (!Objects.equals(e.modelId(), manifest.modelId())) {
            throw new UserInputException("index in " + root + " was built with embedding model " + manifest.modelId()
                    + " but the query model is " + e.modelId() + "; vectors of two models do not mix: rebuild it with"
                    + " cerebro corpus rebuild --index " + root + " --model " + e.modelId() + ", or query it with "
                    + manifest.modelId());
        }
        float[] q = e.embed(req.query());
        TopDocs top = searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, q, req.candidates(), filter),
                req.candidates());
        Ranked r = collapse(top);
        // Lucene scores dot-product similarity as (1 + cos) / 2; report the cosine itself
        Map<String, Double> cos = new LinkedHashMap<>();
        r.scores.forEach((id, s) -> cos.put(id, 2 * s - 1));
        return new Ranked(r.ids, r.best, cos);
    }

    private Ranked collapse(TopDocs top) throws IOException {
        List<String> ids = new ArrayList<>();
        Map<String, Integer> best = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (ScoreDoc sd : top.scoreDocs) {
            String id = idByDoc[sd.doc];
            if (!best.containsKey(id)) {
                ids.add(id);
                best.put(id, sd.doc);
                scores.put(id, (double) sd.score);
            }
        }
        return new Ranked(ids, best, scores);
    }

    private Query filter(SearchRequest req) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean any = false;
        if (req.family() != null) {
            if (!families.contains(req.family()) && !CATALOGUE_FAMILIES.contains(req.family())) {
                Set<String> known = new TreeSet<>(CATALOGUE_FAMILIES);
                families.stream().filter(f -> !f.isEmpty()).forEach(known::add);
                throw new UserInputException("unknown family '" + req.family() + "'; use one of: " + String.join(", ", known));
            }
            b.add(new TermQuery(new Term(IndexFields.FAMILY, req.family())), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (req.method() != null) {
            if (!methods.contains(req.method())) {
                throw new UserInputException("no example in the index has method '" + req.method()
                        + "'; run 'cerebro corpus stats' to list the methods it holds");
            }
            b.add(new TermQuery(new Term(IndexFields.METHOD, req.method())), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (req.language() != null) {
            if (!languages.contains(req.language())) {
                throw new UserInputException("no example in the index has language '" + req.language()
                        + "'; use one of: " + String.join(", ", new TreeSet<>(languages)));
            }
            b.add(new TermQuery(new Term(IndexFields.LANGUAGE, req.language())), BooleanClause.Occur.FILTER);
            any = true;
        }
        return any ? b.build() : null;
    }

    private SearchHit hit(int rank, int doc, double score, Integer bm25Rank, Integer vectorRank) throws IOException {
        Document d = searcher.storedFields().document(doc);
        var inferred = d.getField(IndexFields.INFERRED_CONFIDENCE);
        return new SearchHit(rank, d.get(IndexFields.ID), d.get(IndexFields.TITLE), d.get(IndexFields.FAMILY),
                Arrays.asList(d.getValues(IndexFields.METHOD)), d.get(IndexFields.LANGUAGE), d.get(IndexFields.PATH),
                score, bm25Rank, vectorRank, d.get(IndexFields.KIND), d.get(IndexFields.NAME),
                d.getField(IndexFields.START_LINE).numericValue().intValue(), d.get(IndexFields.CODE),
                inferred != null, inferred == null ? 1.0 : inferred.numericValue().doubleValue());
    }

    private Set<String> terms(String field) throws IOException {
        Set<String> out = new HashSet<>();
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms != null) {
            TermsEnum te = terms.iterator();
            BytesRef t;
            while ((t = te.next()) != null) {
                out.add(t.utf8ToString());
            }
        }
        return out;
    }

    /** Counts examples and chunks by family, language, kind and method. */
    public IndexStats stats() {
        try {
            Map<String, Integer> byFamily = new TreeMap<>();
            Map<String, Integer> byLanguage = new TreeMap<>();
            Map<String, Integer> byKind = new TreeMap<>();
            Map<String, Integer> byMethod = new TreeMap<>();
            Set<String> seen = new HashSet<>();
            Set<String> fields = Set.of(IndexFields.ID, IndexFields.FAMILY, IndexFields.LANGUAGE, IndexFields.KIND,
                    IndexFields.METHOD);
            for (LeafReaderContext leaf : reader.leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                for (int i = 0; i < leaf.reader().maxDoc(); i++) {
                    Document d = stored.document(i, fields);
                    byKind.merge(d.get(IndexFields.KIND), 1, Integer::sum);
                    if (seen.add(d.get(IndexFields.ID))) {
                        String fam = d.get(IndexFields.FAMILY);
                        byFamily.merge(fam == null || fam.isEmpty() ? "(none)" : fam, 1, Integer::sum);
                        byLanguage.merge(d.get(IndexFields.LANGUAGE), 1, Integer::sum);
                        for (String m : d.getValues(IndexFields.METHOD)) {
                            byMethod.merge(m, 1, Integer::sum);
                        }
                    }
                }
            }
            long size;
            try (Stream<Path> s = Files.list(generation)) {
                size = s.mapToLong(p -> p.toFile().length()).sum();
            }
            return new IndexStats(root, generation, manifest, seen.size(), reader.numDocs(), byFamily, byLanguage,
                    byKind, byMethod, size);
        } catch (IOException e) {
            throw corrupt(root, e.getClass().getSimpleName() + " while reading", "cerebro corpus rebuild --index " + root);
        }
    }

    /** Every example id in the index. */
    public Set<String> exampleIds() {
        try {
            Set<String> ids = new TreeSet<>();
            TopDocs all = searcher.search(new MatchAllDocsQuery(), Math.max(1, reader.numDocs()));
            for (ScoreDoc sd : all.scoreDocs) {
                ids.add(idByDoc[sd.doc]);
            }
            return ids;
        } catch (IOException e) {
            throw corrupt(root, e.getClass().getSimpleName() + " while reading", "cerebro corpus rebuild --index " + root);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }
}
