package io.cerebro.rag.index;

import java.util.List;

/**
 * One retrieved example, represented by its best-matching chunk.
 *
 * @param rank        1-based rank in the answer
 * @param id          example id
 * @param title       example title
 * @param family      family, possibly empty
 * @param methods     method ids
 * @param language    language
 * @param path        file path (under {@code rag-corpus/} for the bundled corpus)
 * @param score       the ranking score: fused RRF score in hybrid mode, BM25 score or cosine
 *                    similarity in the single modes
 * @param bm25Rank    the example's rank in the BM25 ranking, or null when BM25 did not retrieve it
 *                    (or was not run)
 * @param vectorRank  the example's rank in the vector ranking, or null likewise
 * @param chunkKind   kind of the best chunk ({@code class}, {@code method}, ...)
 * @param chunkName   name of the best chunk
 * @param startLine   line where the best chunk starts
 * @param text        the best chunk's code or text
 * @param labelInferred   whether {@code family} and {@code methods} were inferred from the content
 *                        (the file has no header); shown as {@code (inferred)}
 * @param labelConfidence the inferred label's confidence in [0, 1], or 1 for a header's label
 */
public record SearchHit(int rank, String id, String title, String family, List<String> methods, String language,
                        String path, double score, Integer bm25Rank, Integer vectorRank, String chunkKind,
                        String chunkName, int startLine, String text, boolean labelInferred,
                        double labelConfidence) {
    public SearchHit {
        methods = List.copyOf(methods);
    }
}
