package io.cerebro.rag.analysis;

import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Splits text into identifier-like tokens: runs of letters, digits and underscores. Dots,
 * parentheses and operators separate tokens, so {@code stats.ttest_ind(a, b)} gives
 * {@code stats} and {@code ttest_ind}.
 */
public final class CodeTokenizer extends CharTokenizer {
    @Override
    protected boolean isTokenChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
