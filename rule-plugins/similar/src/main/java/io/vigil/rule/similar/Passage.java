package io.vigil.rule.similar;

import io.vigil.spi.rule.MatchInput;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stretch of an article embedded on its own: the title, and each paragraph of the body, a long paragraph in windows
 * of whole sentences. The split is a pure function of the text, so stored embeddings line up with the passages again.
 *
 * @param field the field it comes from
 * @param start the offset of its first character in the field text
 * @param end the offset after its last character
 */
record Passage(String field, int start, int end, String text) {

    /** About what the model reads well (it truncates at 256 word pieces). */
    static final int MAX_WORDS = 90;

    /** Passages embedded per article: bounds the cost of a long article; the lead holds what it is about. */
    static final int MAX_PASSAGES = 12;

    private static final Pattern PARAGRAPH = Pattern.compile("[^\\n]+(?:\\n(?!\\s*\\n)[^\\n]*)*");
    private static final Pattern SENTENCE = Pattern.compile("[^.!?]+(?:[.!?]+[\"'”’)]*|$)");

    static List<Passage> of(MatchInput article) {
        List<Passage> passages = new ArrayList<>();
        String title = article.title() == null ? "" : article.title();
        if (!title.isBlank()) {
            passages.add(new Passage(MatchInput.TITLE, 0, title.length(), title.strip()));
        }
        String body = article.body() == null ? "" : article.body();
        Matcher paragraphs = PARAGRAPH.matcher(body);
        while (paragraphs.find() && passages.size() < MAX_PASSAGES) {
            String paragraph = paragraphs.group();
            if (paragraph.isBlank()) {
                continue;
            }
            if (words(paragraph) <= MAX_WORDS) {
                passages.add(new Passage(MatchInput.BODY, paragraphs.start(), paragraphs.end(), paragraph.strip()));
                continue;
            }
            Matcher sentences = SENTENCE.matcher(paragraph);
            int windowStart = -1;
            int windowEnd = -1;
            int windowWords = 0;
            while (sentences.find() && passages.size() < MAX_PASSAGES) {
                int words = words(sentences.group());
                if (words == 0) {
                    continue;
                }
                if (windowStart >= 0 && windowWords + words > MAX_WORDS) {
                    passages.add(window(body, paragraphs.start() + windowStart, paragraphs.start() + windowEnd));
                    windowStart = -1;
                    windowWords = 0;
                }
                if (windowStart < 0) {
                    windowStart = sentences.start();
                }
                windowEnd = sentences.end();
                windowWords += words;
            }
            if (windowStart >= 0 && passages.size() < MAX_PASSAGES) {
                passages.add(window(body, paragraphs.start() + windowStart, paragraphs.start() + windowEnd));
            }
        }
        return passages;
    }

    private static Passage window(String body, int start, int end) {
        return new Passage(
                MatchInput.BODY, start, end, body.substring(start, end).strip());
    }

    private static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return words;
    }
}
