package io.vigil.engine.rule;

import java.util.Optional;

/**
 * Detects the language of an article written in the Arabic script, for sources that do not say: Arabic ({@code ar}),
 * Persian ({@code fa}) or Urdu ({@code ur}), told apart by the letters only Persian or Urdu use. Text mostly in another
 * script gets no language (Vigil then reads it as English, as before).
 *
 * <p>For this choice the script is the evidence that counts, and counting letters costs one pass over the opening of
 * the text, so no statistical detector (n-gram profiles) is needed on the ingest path. Stateless and thread-safe.
 */
public final class ScriptLanguage {

    /** Enough text to decide; the rest of a long article adds nothing. */
    private static final int SAMPLE = 4_000;

    private ScriptLanguage() {}

    /** The language of title and body when they are mostly in the Arabic script, else empty. */
    public static Optional<String> detect(String title, String body) {
        int arabic = 0;
        int other = 0;
        int persian = 0;
        int urdu = 0;
        String text = (title == null ? "" : title) + "\n" + (body == null ? "" : body);
        int end = Math.min(text.length(), SAMPLE);
        for (int i = 0; i < end; ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (!Character.isLetter(codePoint)) {
                continue;
            }
            if (!ArabicStemming.isArabicLetter(codePoint)) {
                other++;
                if (arabic == 0 && other >= 400) {
                    // Hundreds of letters and none Arabic: most articles stop here.
                    return Optional.empty();
                }
                continue;
            }
            arabic++;
            switch (codePoint) {
                // Urdu: tteh, ddal, rreh, noon ghunna, yeh barree, heh goal
                case 0x0679, 0x0688, 0x0691, 0x06BA, 0x06D2, 0x06C1 -> urdu++;
                // Persian: peh, tcheh, jeh, gaf, keheh, farsi yeh
                case 0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC -> persian++;
                default -> {}
            }
        }
        if (arabic == 0 || arabic < other) {
            return Optional.empty();
        }
        if (urdu * 100 >= arabic) {
            return Optional.of("ur");
        }
        if (persian * 50 >= arabic) {
            return Optional.of("fa");
        }
        return Optional.of("ar");
    }
}
