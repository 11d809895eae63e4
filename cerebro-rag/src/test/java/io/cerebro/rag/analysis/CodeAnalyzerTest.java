package io.cerebro.rag.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeAnalyzerTest {
    static List<String> tokens(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (Analyzer a = new CodeAnalyzer(); TokenStream ts = a.tokenStream("f", text)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(t.toString());
            }
            ts.end();
        }
        return out;
    }

    @Test
    void snakeCaseIdentifierIsKeptWholeAndSplit() throws IOException {
        // KStem turns stats into stat; identifiers with underscores are left alone
        assertEquals(List.of("stat", "ttest_ind", "ttest", "ind", "b"), tokens("stats.ttest_ind(a, b)"));
    }

    @Test
    void camelCaseIsSplitIncludingAcronymsAndDigits() throws IOException {
        assertEquals(List.of("olsmultiplelinearregression", "ols", "multiple", "linear", "regress"),
                tokens("OLSMultipleLinearRegression"));
        assertEquals(List.of("propensityscore", "propensity", "score"), tokens("propensityScore"));
        assertEquals(List.of("httpserver2", "http", "server", "2"), tokens("HTTPServer2"));
    }

    @Test
    void partsShareThePositionOfTheWholeIdentifier() throws IOException {
        List<Integer> incs = new ArrayList<>();
        try (Analyzer a = new CodeAnalyzer(); TokenStream ts = a.tokenStream("f", "mann_whitney test")) {
            PositionIncrementAttribute p = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                incs.add(p.getPositionIncrement());
            }
            ts.end();
        }
        assertEquals(List.of(1, 0, 0, 1), incs);
    }

    @Test
    void proseIsStemmedAndStopWordsDropped() throws IOException {
        List<String> t = tokens("The weights of the matched users");
        assertTrue(t.contains("weight"), t.toString());
        assertTrue(t.contains("user"), t.toString());
        assertFalse(t.contains("the"), t.toString());
        assertFalse(t.contains("of"), t.toString());
    }

    @Test
    void splitterHandlesEdgeCases() {
        assertEquals(List.of("a", "b"), IdentifierSplitFilter.split("__a__b__"));
        assertEquals(List.of("x"), IdentifierSplitFilter.split("x"));
        assertEquals(List.of("ab", "Test", "Spec"), IdentifierSplitFilter.split("abTestSpec"));
    }
}
