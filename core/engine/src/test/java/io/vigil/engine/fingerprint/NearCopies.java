package io.vigil.engine.fingerprint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes the near copies of an article that one story gathers in practice: the same text republished with an
 * edited headline, a paragraph cut, another site's boilerplate around it, other quote marks, a reworded sentence,
 * and all of these at once.
 */
final class NearCopies {

    /** A changed copy of an article and what was changed. */
    record NearCopy(String kind, String title, String body) {}

    static final String NEWSLETTER =
            "Subscribe to our newsletter to get the day's top stories delivered to your inbox every morning.";

    static final String RELATED_LINKS = String.join(
            "\n\n",
            "Related links:",
            "Markets slide as oil prices climb for a third day",
            "Central bank holds rates steady amid inflation worries",
            "Opinion: what the new figures mean for your household",
            "Follow us on social media for breaking news and analysis.");

    private NearCopies() {}

    /** The paragraphs of a body separated by blank lines. */
    static List<String> paragraphs(String body) {
        return Arrays.stream(body.split("\n\\s*\n"))
                .map(String::strip)
                .filter(paragraph -> !paragraph.isEmpty())
                .toList();
    }

    /** The largest share of an article's words that one paragraph may hold for cutting it to count as a trim. */
    static final double MAX_CUT_SHARE = 0.25;

    /**
     * Whether near copies can be made of the body: it has at least four paragraphs, and one of them after the
     * lede is short enough that cutting it trims the article rather than halving it. (Some corpus articles come in
     * three or four blocks of many sentences; cutting such a block removes up to two thirds of the text.)
     */
    static boolean canCopy(String body) {
        List<String> paragraphs = paragraphs(body);
        return paragraphs.size() >= 4 && paragraphToCut(paragraphs) >= 0;
    }

    /** Returns every kind of near copy of the article; see {@link #canCopy}. */
    static List<NearCopy> of(String title, String body) {
        List<String> paragraphs = paragraphs(body);
        if (!canCopy(body)) {
            throw new IllegalArgumentException("no near copies of a body of " + paragraphs.size() + " paragraphs");
        }
        String editedTitle = editHeadline(title);
        int cutIndex = paragraphToCut(paragraphs);
        List<String> cut = without(paragraphs, cutIndex);
        List<String> reworded = rewordSentence(paragraphs);
        return List.of(
                new NearCopy("edited headline", editedTitle, body),
                new NearCopy("paragraph cut", title, String.join("\n\n", cut)),
                new NearCopy("boilerplate added", title, withBoilerplate(paragraphs)),
                new NearCopy("quotes changed", title, curlQuotes(body)),
                new NearCopy("sentence reworded", title, String.join("\n\n", reworded)),
                new NearCopy(
                        "all of these",
                        editedTitle,
                        curlQuotes(withBoilerplate(without(rewordSentence(paragraphs), cutIndex)))));
    }

    /** Prefixes the headline and drops its last word, as a desk editing it for another outlet would. */
    static String editHeadline(String title) {
        String[] words = title.strip().split("\\s+");
        String kept = words.length >= 3 ? String.join(" ", Arrays.copyOf(words, words.length - 1)) : title;
        return "UPDATE: " + kept;
    }

    private static List<String> without(List<String> paragraphs, int index) {
        List<String> cut = new ArrayList<>(paragraphs);
        cut.remove(index);
        return cut;
    }

    /**
     * Returns the paragraph to cut: the one nearest the middle, after the lede, among those holding at most {@link
     * #MAX_CUT_SHARE} of the words; -1 if there is none.
     */
    private static int paragraphToCut(List<String> paragraphs) {
        int total = paragraphs.stream().mapToInt(NearCopies::words).sum();
        int middle = paragraphs.size() / 2;
        int best = -1;
        for (int i = 1; i < paragraphs.size(); i++) {
            boolean small = words(paragraphs.get(i)) <= MAX_CUT_SHARE * total;
            if (small && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) {
                best = i;
            }
        }
        return best;
    }

    static int words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    static String withBoilerplate(List<String> paragraphs) {
        return NEWSLETTER + "\n\n" + String.join("\n\n", paragraphs) + "\n\n" + RELATED_LINKS;
    }

    /** Turns straight quotes and apostrophes into typographic ones and double spaces after full stops. */
    static String curlQuotes(String body) {
        StringBuilder curled = new StringBuilder(body.length());
        boolean open = true;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                curled.append(open ? '\u201C' : '\u201D');
                open = !open;
            } else if (c == '\'') {
                curled.append('\u2019');
            } else if (c == '.' && i + 1 < body.length() && body.charAt(i + 1) == ' ') {
                curled.append(". ");
            } else {
                curled.append(c);
            }
        }
        return curled.toString();
    }

    /**
     * Rewords the first sentence of the second paragraph: two words swap places, one is dropped and one is
     * inserted, the way a sub-editor tightens a sentence.
     */
    static List<String> rewordSentence(List<String> paragraphs) {
        List<String> reworded = new ArrayList<>(paragraphs);
        String paragraph = paragraphs.get(1);
        int end = paragraph.indexOf(". ");
        String sentence = end < 0 ? paragraph : paragraph.substring(0, end);
        String rest = end < 0 ? "" : paragraph.substring(end);
        List<String> words = new ArrayList<>(Arrays.asList(sentence.split(" ")));
        if (words.size() >= 8) {
            String second = words.get(1);
            words.set(1, words.get(2));
            words.set(2, second);
            words.remove(5);
            words.add(4, "reportedly");
        } else {
            words.add("reportedly");
        }
        reworded.set(1, String.join(" ", words) + rest);
        return reworded;
    }
}
