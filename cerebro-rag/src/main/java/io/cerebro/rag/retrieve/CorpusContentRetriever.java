package io.cerebro.rag.retrieve;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.ReciprocalRankFusion;
import io.cerebro.rag.index.SearchHit;
import io.cerebro.rag.index.SearchMode;
import io.cerebro.rag.index.SearchRequest;

import java.util.List;
import java.util.Map;

/**
 * A LangChain4j {@link ContentRetriever} over a {@link CorpusIndex}. Each {@link Content} is the
 * best chunk of one example; its {@link TextSegment} metadata carries {@code id}, {@code title},
 * {@code family}, {@code methods} (comma-separated), {@code language} and {@code path}, and the
 * content metadata carries the ranking score.
 *
 * <pre>{@code
 * ContentRetriever r = CorpusContentRetriever.builder(index).maxResults(3).family("causal").build();
 * List<Content> examples = r.retrieve(Query.from("propensity score matching with a caliper"));
 * }</pre>
 */
public final class CorpusContentRetriever implements ContentRetriever {
    private final CorpusIndex index;
    private final int maxResults;
    private final SearchMode mode;
    private final String family;
    private final String method;
    private final String language;
    private final double rrfK;

    private CorpusContentRetriever(Builder b) {
        this.index = b.index;
        this.maxResults = b.maxResults;
        this.mode = b.mode;
        this.family = b.family;
        this.method = b.method;
        this.language = b.language;
        this.rrfK = b.rrfK;
    }

    /** Starts a retriever over an open index. */
    public static Builder builder(CorpusIndex index) {
        return new Builder(index);
    }

    @Override
    public List<Content> retrieve(Query query) {
        SearchRequest req = new SearchRequest(query.text(), maxResults, mode, family, method, language, rrfK, 1, 1,
                SearchRequest.DEFAULT_CANDIDATES);
        return index.search(req).stream().map(CorpusContentRetriever::toContent).toList();
    }

    /** Converts a hit to LangChain4j content with the corpus metadata keys. */
    public static Content toContent(SearchHit h) {
        Metadata m = new Metadata()
                .put("id", h.id())
                .put("title", h.title())
                .put("family", h.family())
                .put("methods", String.join(",", h.methods()))
                .put("language", h.language())
                .put("path", h.path());
        return Content.from(TextSegment.from(h.text(), m), Map.of(ContentMetadata.SCORE, h.score()));
    }

    /** Builder with documented defaults. */
    public static final class Builder {
        private final CorpusIndex index;
        private int maxResults = 5;
        private SearchMode mode = SearchMode.HYBRID;
        private String family;
        private String method;
        private String language;
        private double rrfK = ReciprocalRankFusion.DEFAULT_K;

        private Builder(CorpusIndex index) {
            this.index = index;
        }

        /** Examples per query (default 5). */
        public Builder maxResults(int n) {
            this.maxResults = n;
            return this;
        }

        /** Retrieval mode (default hybrid). */
        public Builder mode(SearchMode m) {
            this.mode = m;
            return this;
        }

        /** Only examples of this family (default any). */
        public Builder family(String f) {
            this.family = f;
            return this;
        }

        /** Only examples demonstrating this method id (default any). */
        public Builder method(String m) {
            this.method = m;
            return this;
        }

        /** Only examples in this language (default any). */
        public Builder language(String l) {
            this.language = l;
            return this;
        }

        /** The reciprocal rank fusion constant (default {@value ReciprocalRankFusion#DEFAULT_K}). */
        public Builder rrfK(double k) {
            this.rrfK = k;
            return this;
        }

        /** Builds the retriever. */
        public CorpusContentRetriever build() {
            return new CorpusContentRetriever(this);
        }
    }
}
