package io.vigil.engine.rule;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds a word to the form rules compare: NFKC, lowercase, accents and Arabic letter variants folded, possessive
 * {@code 's} dropped, acronym dots removed.
 *
 * <p>Stateless and thread-safe. The same folding runs on article text and on rule terms, which is what makes a rule
 * written {@code Turkiye} find "Türkiye" and {@code US} find "U.S.".
 */
public final class TextNormalizer {

    private TextNormalizer() {}

    /** The normalized form of one token's surface text; never null, possibly empty for pure punctuation. */
    public static String normalize(String surface) {
        if (isPlainAsciiWord(surface)) {
            // The common case: ASCII is already NFKC, has no accents, and only needs lowercasing.
            return surface.toLowerCase(Locale.ROOT);
        }
        String text = Normalizer.normalize(surface, Normalizer.Form.NFKC);
        text = text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u02bc', '\'');
        text = text.toLowerCase(Locale.ROOT);
        if (!isAscii(text)) {
            text = fold(text);
        }
        text = text.replace(".", "");
        return stripPossessive(text);
    }

    /**
     * The case-preserving key of an all-capitals word ("US" for "U.S.", "ISIS" for "ISIS's"), or {@code null} when the
     * surface is not written in capitals with at least two letters.
     */
    public static String capitalsKey(String surface) {
        if (surface.length() < 2
                || !Character.isUpperCase(surface.charAt(0))
                || !(Character.isUpperCase(surface.charAt(1)) || surface.charAt(1) == '.')) {
            return null;
        }
        int letters = 0;
        StringBuilder key = new StringBuilder(surface.length());
        for (int i = 0; i < surface.length(); i++) {
            char c = surface.charAt(i);
            if (c == '.') {
                continue;
            }
            if (Character.isLetter(c)) {
                if (!Character.isUpperCase(c)) {
                    // A possessive "'s" after capitals ("ISIS's") keeps the word an acronym.
                    if ((c == 's') && i > 0 && isApostrophe(surface.charAt(i - 1)) && i == surface.length() - 1) {
                        key.setLength(key.length() - 1);
                        break;
                    }
                    return null;
                }
                letters++;
            }
            key.append(c);
        }
        if (letters < 2) {
            return null;
        }
        String result = key.toString();
        return result.endsWith("'") || result.endsWith("\u2019") ? result.substring(0, result.length() - 1) : result;
    }

    static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02bc';
    }

    private static String stripPossessive(String text) {
        if (text.endsWith("'s") && text.length() > 2) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("'") && text.length() > 1) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                // Latin accents and Arabic short vowels (harakat) are both optional in the way people write.
                continue;
            }
            switch (c) {
                case '\u0623', '\u0625', '\u0622', '\u0671' -> folded.append('\u0627'); // alef variants
                case '\u0649' -> folded.append('\u064a'); // alef maksura reads as ya
                case '\u0629' -> folded.append('\u0647'); // ta marbuta reads as ha
                case '\u0640' -> {} // tatweel is typographic stretching
                case '\u00df' -> folded.append("ss");
                case '\u0131' -> folded.append('i');
                case '\u00f8' -> folded.append('o');
                case '\u00e6' -> folded.append("ae");
                case '\u0153' -> folded.append("oe");
                case '\u0142' -> folded.append('l');
                case '\u0111' -> folded.append('d');
                default -> folded.append(c);
            }
        }
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    private static boolean isPlainAsciiWord(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7f || c == '.' || c == '\'') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
