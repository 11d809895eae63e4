package io.cerebro.rag.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.KStemFilter;

/**
 * The analyzer of the BM25 text fields, for code and prose alike: identifier tokens
 * ({@link CodeTokenizer}), each kept whole and split into its camelCase and snake_case parts
 * ({@link IdentifierSplitFilter}), lower-cased, English stop words removed, and light
 * inflectional stemming (KStem: {@code weights} to {@code weight}, {@code matching} to
 * {@code match}). The same analyzer runs on queries.
 */
public final class CodeAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new CodeTokenizer();
        TokenStream ts = new IdentifierSplitFilter(source);
        ts = new LowerCaseFilter(ts);
        ts = new StopFilter(ts, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        ts = new KStemFilter(ts);
        return new TokenStreamComponents(source, ts);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
