package io.vigil.extractor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Uses the article body a page declares in its schema.org JSON-LD ({@code "articleBody"}) as a second opinion on the
 * extracted text. Publishers fill it from their CMS, so it holds the article and nothing around it — but it is
 * sometimes a teaser, a summary or stale, so it only ever corrects the extraction, never replaces a good one:
 *
 * <ul>
 *   <li>when the declared body is long and the extraction holds less than half of it, the extraction missed the
 *       article (a split container, a script-rendered page), and the declared body is taken instead;
 *   <li>when the extraction holds nearly all of the declared body, paragraphs of the extraction that share nothing
 *       with it are widgets and credits inside the container, and are dropped.
 * </ul>
 *
 * Texts are compared by their word 4-grams, lower-cased. Linear in the lengths of both texts.
 */
final class DeclaredBody {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MIN_DECLARED = 400;

    private DeclaredBody() {}

    static String reconcile(String extracted, String declared) {
        if (declared == null || declared.length() < MIN_DECLARED) {
            return extracted;
        }
        Set<String> declaredShingles = new HashSet<>(shingles(declared));
        List<String> extractedShingles = shingles(extracted);
        Set<String> found = new HashSet<>(extractedShingles);
        int covered = 0;
        for (String shingle : declaredShingles) {
            covered += found.contains(shingle) ? 1 : 0;
        }
        double coverage = covered / (double) Math.max(1, declaredShingles.size());
        if (coverage < 0.5 && declared.length() > extracted.length()) {
            return declared;
        }
        if (coverage < 0.85) {
            return extracted;
        }
        List<String> kept = new ArrayList<>();
        for (String paragraph : extracted.split("\n\n")) {
            List<String> own = shingles(paragraph);
            long shared = own.stream().filter(declaredShingles::contains).count();
            boolean unrelated = own.size() >= 2 && shared == 0;
            if (!unrelated) {
                kept.add(paragraph);
            }
        }
        return String.join("\n\n", kept);
    }

    private static List<String> shingles(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            words.add(matcher.group());
        }
        List<String> shingles = new ArrayList<>();
        for (int i = 0; i + 4 <= words.size(); i++) {
            shingles.add(words.get(i) + ' ' + words.get(i + 1) + ' ' + words.get(i + 2) + ' ' + words.get(i + 3));
        }
        if (shingles.isEmpty() && !words.isEmpty()) {
            shingles.add(String.join(" ", words));
        }
        return shingles;
    }
}
