package io.cerebro.rag.analysis;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps each identifier whole and adds its parts at the same position: {@code ttest_ind} gives
 * {@code ttest_ind}, {@code ttest}, {@code ind}; {@code propensityScore} gives
 * {@code propensityScore}, {@code propensity}, {@code Score}; {@code HTTPServer2} gives
 * {@code HTTPServer2}, {@code HTTP}, {@code Server}, {@code 2}. So a query for the exact
 * identifier matches it exactly, and a query in plain words matches its parts.
 */
public final class IdentifierSplitFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> pending = new ArrayDeque<>();

    /** @param input the token stream to split */
    public IdentifierSplitFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            term.setEmpty().append(pending.poll());
            posInc.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        List<String> parts = split(term.toString());
        if (parts.size() > 1) {
            pending.addAll(parts);
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
    }

    /** The parts of an identifier split at underscores, lower-to-upper case changes and letter/digit changes. */
    public static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                add(parts, s, start, i);
                start = i + 1;
                continue;
            }
            if (i > start) {
                char p = s.charAt(i - 1);
                boolean boundary = (Character.isLowerCase(p) && Character.isUpperCase(c))
                        || (Character.isLetter(p) && Character.isDigit(c))
                        || (Character.isDigit(p) && Character.isLetter(c))
                        || (Character.isUpperCase(p) && Character.isUpperCase(c)
                        && i + 1 < n && Character.isLowerCase(s.charAt(i + 1)));
                if (boundary) {
                    add(parts, s, start, i);
                    start = i;
                }
            }
        }
        add(parts, s, start, n);
        return parts;
    }

    private static void add(List<String> parts, String s, int from, int to) {
        if (to > from) {
            parts.add(s.substring(from, to));
        }
    }
}
