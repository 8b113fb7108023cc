package io.vigil.engine.rule;

import io.vigil.spi.rule.AnalyzedField;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an article's clean text into the {@link MatchInput} every rule reads: words with their normalized form, stem,
 * position, sentence, paragraph and character offsets, for the title and the body separately.
 *
 * <p>Words are runs of letters, digits and combining marks in any script, so Arabic and accented Latin are tokenised
 * like English; hyphens split words ("Iraqi-Syrian" is two words, so {@code Syria} finds it), apostrophes inside a word
 * keep it whole, and capital acronyms with dots ("U.S.", "U.N.") are one word that rules see as {@code US}. Sentences
 * end at {@code . ! ? ؟} when the next word does not start in lowercase and the word before is not a known
 * abbreviation ("Mr.", "Gen.", "Jan."); paragraphs are separated by blank lines.
 *
 * <p>Stateless and thread-safe; one instance serves the whole application.
 */
public final class ArticleAnalyzer {

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep",
            "st", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
            "vs", "inc", "ltd", "co", "corp", "jr", "sr", "approx", "est", "fig", "dept", "univ", "rev");

    /**
     * Analyses one article.
     *
     * @param title the clean headline (may be empty)
     * @param body the clean text, paragraphs separated by blank lines
     * @param source the outlet's name, or {@code null}
     * @param language the ISO 639-1 code when known, or {@code null}; when it is unknown, an article mostly in the Arabic
     *     script is detected as Arabic, Persian or Urdu ({@link ScriptLanguage}), and any other as English. Latin
     *     words are stemmed as English unless another language is named; Arabic-script words get Lucene's Arabic
     *     light stemming ({@link ArabicStemming}) unless the article is Persian or Urdu
     */
    public MatchInput analyze(String title, String body, String source, String language) {
        String safeTitle = title == null ? "" : title;
        String safeBody = body == null ? "" : body;
        String safeSource = source == null ? "" : source;
        String known = language == null || language.isBlank()
                ? ScriptLanguage.detect(safeTitle, safeBody).orElse(null)
                : language;
        String code = known == null ? "en" : known.toLowerCase(Locale.ROOT);
        boolean english = code.startsWith("en");
        boolean arabic = !code.startsWith("fa") && !code.startsWith("ur");
        return new AnalyzedArticle(
                safeTitle,
                safeBody,
                safeSource,
                known,
                analyzeField(MatchInput.TITLE, safeTitle, english, arabic),
                analyzeField(MatchInput.BODY, safeBody, english, arabic),
                analyzeField(AnalyzedArticle.SOURCE, safeSource, english, arabic));
    }

    /**
     * Analyses one piece of text as a field of the given name, as rule terms are: Latin words stemmed as English,
     * Arabic-script words as Arabic.
     */
    public AnalyzedField analyzeField(String name, String text) {
        return analyzeField(name, text, true, true);
    }

    private AnalyzedField analyzeField(String name, String text, boolean english, boolean arabic) {
        List<Token> tokens = new ArrayList<>();
        int length = text.length();
        int sentence = 0;
        int paragraph = 0;
        boolean tokensInSentence = false;
        boolean tokensInParagraph = false;
        boolean sentenceEndPending = false;
        int newlinesSinceToken = 0;
        String previousNormalized = "";
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\n') {
                newlinesSinceToken++;
                if (newlinesSinceToken >= 2 && tokensInParagraph) {
                    paragraph++;
                    sentence += tokensInSentence ? 1 : 0;
                    tokensInParagraph = false;
                    tokensInSentence = false;
                    sentenceEndPending = false;
                }
                i++;
                continue;
            }
            if (!isWordStart(text, i)) {
                if ((c == '.' || c == '!' || c == '?' || c == '\u061f' || c == '\u3002' || c == '\u06d4')
                        && tokensInSentence
                        && !(c == '.' && ABBREVIATIONS.contains(previousNormalized))) {
                    sentenceEndPending = true;
                }
                if (!Character.isWhitespace(c)) {
                    newlinesSinceToken = 0;
                }
                i++;
                continue;
            }
            int end = acronymEnd(text, i);
            boolean acronym = end > 0;
            if (!acronym) {
                end = wordEnd(text, i);
            }
            String surface = text.substring(i, end);
            if (sentenceEndPending && !Character.isLowerCase(surface.codePointAt(0))) {
                sentence++;
            }
            sentenceEndPending = false;
            String normalized = TextNormalizer.normalize(surface);
            if (normalized.isEmpty()) {
                i = end;
                continue;
            }
            String stem;
            if (normalized.charAt(0) < 0x80) {
                stem = english ? EnglishStemming.stem(normalized) : normalized;
            } else if (arabic && ArabicStemming.isArabic(normalized)) {
                stem = ArabicStemming.stem(normalized);
            } else {
                stem = english ? EnglishStemming.stem(normalized) : normalized;
            }
            tokens.add(new Token(surface, normalized, stem, tokens.size(), sentence, paragraph, i, end));
            tokensInSentence = true;
            tokensInParagraph = true;
            newlinesSinceToken = 0;
            // A single capital before a dot is an initial ("George W. Bush"), not a sentence end.
            previousNormalized = surface.length() == 1 && Character.isUpperCase(surface.charAt(0)) ? "no" : normalized;
            i = end;
        }
        return new AnalyzedField(name, text, tokens);
    }

    private static boolean isWordStart(String text, int i) {
        int codePoint = text.codePointAt(i);
        return Character.isLetterOrDigit(codePoint);
    }

    private static boolean isWordPart(int codePoint) {
        if (Character.isLetterOrDigit(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || codePoint == 0x0640; // Arabic tatweel stretches a word, it does not end it
    }

    private static int wordEnd(String text, int start) {
        int length = text.length();
        int i = start;
        while (i < length) {
            int codePoint = text.codePointAt(i);
            if (isWordPart(codePoint)) {
                i += Character.charCount(codePoint);
                continue;
            }
            char c = (char) codePoint;
            boolean hasNext = i + 1 < length;
            if (hasNext && TextNormalizer.isApostrophe(c) && Character.isLetter(text.codePointAt(i + 1)) && i > start) {
                i++;
                continue;
            }
            if (hasNext
                    && (c == '.' || c == ',')
                    && Character.isDigit(text.charAt(i - 1))
                    && Character.isDigit(text.charAt(i + 1))) {
                i++;
                continue;
            }
            break;
        }
        return i;
    }

    /** The end of a dotted capital acronym ("U.S.", "U.S.A", "U.N.") starting at {@code start}, or -1. */
    private static int acronymEnd(String text, int start) {
        int length = text.length();
        int i = start;
        int letters = 0;
        while (i + 1 < length && Character.isUpperCase(text.charAt(i)) && text.charAt(i + 1) == '.') {
            letters++;
            i += 2;
            if (i < length && !Character.isUpperCase(text.charAt(i))) {
                break;
            }
            if (i + 1 >= length || text.charAt(i + 1) != '.') {
                // "U.S" without the final dot still counts when the last capital ends the word.
                if (i < length
                        && Character.isUpperCase(text.charAt(i))
                        && (i + 1 >= length || !Character.isLetterOrDigit(text.charAt(i + 1)))) {
                    letters++;
                    i++;
                }
                break;
            }
        }
        if (letters < 2 || (i < length && Character.isLetterOrDigit(text.charAt(i)))) {
            return -1;
        }
        return i;
    }
}
