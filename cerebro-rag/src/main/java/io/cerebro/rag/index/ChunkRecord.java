package io.cerebro.rag.index;

import io.cerebro.rag.analysis.CodeAnalyzer;
import io.cerebro.rag.corpus.MetadataHeader;
import io.cerebro.rag.label.InferredLabel;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/** One chunk as stored in the index: the example's metadata, the chunk, and its vector. */
record ChunkRecord(String id, String chunkId, String title, String family, List<String> methods, String language,
                   String path, String hash, String description, List<String> libraries, boolean hasHeader,
                   String kind, String name, int startLine, String code, float[] vector, InferredLabel inferred) {

    /** A record with no inferred label (header labels, or none). */
    ChunkRecord(String id, String chunkId, String title, String family, List<String> methods, String language,
                String path, String hash, String description, List<String> libraries, boolean hasHeader,
                String kind, String name, int startLine, String code, float[] vector) {
        this(id, chunkId, title, family, methods, language, path, hash, description, libraries, hasHeader, kind, name,
                startLine, code, vector, null);
    }

    /** Whether the family used for filtering was inferred rather than read from a header. */
    boolean isInferred() {
        return family.isEmpty() && inferred != null && inferred.assigned();
    }

    /** The text BM25 matches against the example's metadata. */
    String metaText() {
        return title + "\n" + description + "\n" + String.join(" ", methods) + "\n" + family + "\n" + name;
    }

    /**
     * The text that is embedded: what the example is about (title, description, methods) first,
     * then for a part of a file (method, function, section, cell) its name and code or text. The
     * whole-file chunk of an example with a header embeds only what the example is about; its
     * parts carry the code.
     */
    String embeddingText() {
        boolean wholeFile = kind.equals("class") || kind.equals("module");
        StringBuilder sb = new StringBuilder(title);
        if (!description.isEmpty()) {
            sb.append(". ").append(description);
        }
        if (!methods.isEmpty()) {
            sb.append(" Methods: ").append(String.join(", ", methods)).append('.');
        }
        if (wholeFile && hasHeader && !description.isEmpty()) {
            return sb.toString();
        }
        if (!wholeFile) {
            sb.append(' ').append(name).append('.');
        }
        // the header repeats the title and description
        sb.append('\n').append(MetadataHeader.strip(code));
        return sb.toString();
    }

    Document toDocument() {
        Document d = new Document();
        d.add(new StringField(IndexFields.ID, id, Field.Store.YES));
        d.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(id)));
        d.add(new StringField(IndexFields.CHUNK_ID, chunkId, Field.Store.YES));
        d.add(new StoredField(IndexFields.TITLE, title));
        // an inferred label serves the family and method filters like a header's; it never enters the
        // embedded or BM25 text, so relabelling does not change vectors
        d.add(new StringField(IndexFields.FAMILY, isInferred() ? inferred.family() : family, Field.Store.YES));
        if (isInferred()) {
            d.add(new StoredField(IndexFields.INFERRED_CONFIDENCE, inferred.confidence()));
        }
        for (String m : isInferred() && methods.isEmpty() ? inferred.methods() : methods) {
            d.add(new StringField(IndexFields.METHOD, m, Field.Store.YES));
        }
        d.add(new StringField(IndexFields.LANGUAGE, language, Field.Store.YES));
        d.add(new StringField(IndexFields.PATH, path, Field.Store.YES));
        d.add(new StoredField(IndexFields.HASH, hash));
        d.add(new StoredField(IndexFields.DESCRIPTION, description));
        for (String l : libraries) {
            d.add(new StoredField(IndexFields.LIBRARIES, l));
        }
        d.add(new StoredField(IndexFields.HAS_HEADER, hasHeader ? 1 : 0));
        d.add(new StringField(IndexFields.KIND, kind, Field.Store.YES));
        d.add(new StoredField(IndexFields.NAME, name));
        d.add(new StoredField(IndexFields.START_LINE, startLine));
        d.add(new StoredField(IndexFields.CODE, code));
        d.add(new TextField(IndexFields.META_TEXT, metaText(), Field.Store.NO));
        d.add(new TextField(IndexFields.CODE_TEXT, code, Field.Store.NO));
        d.add(new KnnFloatVectorField(IndexFields.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        d.add(new StoredField(IndexFields.VECTOR_BYTES, new BytesRef(toBytes(vector))));
        return d;
    }

    static ChunkRecord fromStored(Document d) {
        BytesRef vb = d.getBinaryValue(IndexFields.VECTOR_BYTES);
        // an inferred label is dropped here and inferred again by the rebuild
        boolean inferredLabel = d.getField(IndexFields.INFERRED_CONFIDENCE) != null;
        return new ChunkRecord(d.get(IndexFields.ID), d.get(IndexFields.CHUNK_ID), d.get(IndexFields.TITLE),
                inferredLabel ? "" : d.get(IndexFields.FAMILY),
                inferredLabel ? List.of() : Arrays.asList(d.getValues(IndexFields.METHOD)), d.get(IndexFields.LANGUAGE),
                d.get(IndexFields.PATH), d.get(IndexFields.HASH), d.get(IndexFields.DESCRIPTION),
                Arrays.asList(d.getValues(IndexFields.LIBRARIES)),
                d.getField(IndexFields.HAS_HEADER).numericValue().intValue() == 1, d.get(IndexFields.KIND),
                d.get(IndexFields.NAME), d.getField(IndexFields.START_LINE).numericValue().intValue(),
                d.get(IndexFields.CODE), vb == null ? null : fromBytes(vb));
    }

    ChunkRecord withVector(float[] v) {
        return new ChunkRecord(id, chunkId, title, family, methods, language, path, hash, description, libraries,
                hasHeader, kind, name, startLine, code, v, inferred);
    }

    ChunkRecord withInferred(InferredLabel label) {
        return new ChunkRecord(id, chunkId, title, family, methods, language, path, hash, description, libraries,
                hasHeader, kind, name, startLine, code, vector, label);
    }

    private static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    private static float[] fromBytes(BytesRef r) {
        ByteBuffer b = ByteBuffer.wrap(r.bytes, r.offset, r.length).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[r.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    static CodeAnalyzer analyzer() {
        return new CodeAnalyzer();
    }
}
