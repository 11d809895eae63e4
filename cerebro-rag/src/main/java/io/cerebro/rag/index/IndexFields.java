package io.cerebro.rag.index;

/** Lucene field names of a chunk document. */
final class IndexFields {
    /** Example id (keyword, stored). */
    static final String ID = "id";
    /** Chunk id: example id, {@code #}, chunk number (keyword, stored). */
    static final String CHUNK_ID = "chunk_id";
    static final String TITLE = "title";
    /** Family filter (keyword, stored; empty for header-less files). */
    static final String FAMILY = "family";
    /** Method filter (keyword, one value per method, stored). */
    static final String METHOD = "method";
    /** Language filter (keyword, stored). */
    static final String LANGUAGE = "language";
    static final String PATH = "path";
    static final String HASH = "hash";
    static final String DESCRIPTION = "description";
    static final String LIBRARIES = "libraries";
    static final String HAS_HEADER = "has_header";
    static final String KIND = "kind";
    static final String NAME = "name";
    static final String START_LINE = "start_line";
    /** The chunk's code or text (stored only). */
    static final String CODE = "code";
    /** BM25 field over title, description, methods and chunk name. */
    static final String META_TEXT = "meta_text";
    /** BM25 field over the chunk's code or text. */
    static final String CODE_TEXT = "code_text";
    /** Confidence of an inferred family label (stored; absent when the label came from a header). */
    static final String INFERRED_CONFIDENCE = "inferred_confidence";
    /** KNN vector field. */
    static final String VECTOR = "vector";
    /** The same vector as stored bytes, so an incremental rebuild can copy it without re-embedding. */
    static final String VECTOR_BYTES = "vector_bytes";

    private IndexFields() {
    }
}
