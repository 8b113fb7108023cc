package io.vigil.engine.rule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Reduces an Arabic word to the light stem that rules and articles are compared by, with Lucene's Arabic analysis: its
 * {@link ArabicNormalizationFilter} (alef, yeh and teh marbuta variants folded, tatweel and short vowels removed) and its {@link
 * ArabicStemFilter} (Larkey, Ballesteros and Connell's light stemming: the article and conjunction prefixes ال و ب ك ف ل
 * and the common suffixes ها ان ات ون ين يه ية ه ة ي), so the rule الحدود finds "والحدود", "بالحدود" and "حدودها".
 *
 * <p>Thread-safe: the Lucene analyzer keeps one chain per thread; results are cached.
 */
public final class ArabicStemming {

    private static final int CACHE_LIMIT = 100_000;
    /** One word in, its normalised light stem out. */
    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            KeywordTokenizer word = new KeywordTokenizer();
            return new TokenStreamComponents(word, new ArabicStemFilter(new ArabicNormalizationFilter(word)));
        }
    };

    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    private ArabicStemming() {}

    /** Whether the word is written in the Arabic script (its first letter decides). */
    public static boolean isArabic(String word) {
        return !word.isEmpty() && isArabicLetter(word.codePointAt(0));
    }

    /** Whether a code point is a letter of the Arabic script (Arabic, its supplements and presentation forms). */
    public static boolean isArabicLetter(int codePoint) {
        // The Arabic script starts at U+0600: Latin text, most of what is read, is answered without the script table.
        return codePoint >= 0x0600
                && Character.isLetter(codePoint)
                && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.ARABIC;
    }

    /** The light stem of a normalized Arabic word. */
    public static String stem(String normalized) {
        String cached = CACHE.get(normalized);
        if (cached != null) {
            return cached;
        }
        String stem = normalized;
        try (TokenStream stream = ANALYZER.tokenStream("word", normalized)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            if (stream.incrementToken() && term.length() >= 2) {
                // A word the stemmer would reduce to one or no letter is a particle, not a stem: kept as it is.
                stem = term.toString();
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Arabic analysis of one word failed", e);
        }
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(normalized, stem);
        }
        return stem;
    }
}
