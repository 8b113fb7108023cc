package io.vigil.engine.rule;

import io.vigil.spi.rule.AnalyzedField;
import io.vigil.spi.rule.Highlight;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the passages shown with a match: whole sentences around the highlights, about 200 to 300 characters, the
 * sentences holding the most distinct rule terms first, in article order within the result.
 */
public final class Snippets {

    /** A passage grows by neighbouring sentences until it reaches this length. */
    static final int TARGET_LENGTH = 200;

    /** A passage longer than this is cut around its marks. */
    static final int MAX_LENGTH = 300;

    private Snippets() {}

    /** Up to {@code max} snippets for the highlights of a match on this article; highlights of unknown fields are ignored. */
    public static List<Snippet> of(MatchInput article, List<Highlight> highlights, int max) {
        List<Candidate> candidates = new ArrayList<>();
        for (String fieldName : article.fieldNames()) {
            List<Highlight> inField = highlights.stream()
                    .filter(highlight -> highlight.field().equals(fieldName))
                    .toList();
            if (!inField.isEmpty()) {
                candidates.addAll(sentences(article.field(fieldName), inField));
            }
        }
        candidates.sort(Comparator.comparingInt(
                        (Candidate candidate) -> -candidate.terms().size())
                .thenComparingInt(candidate -> candidate.field().equals(MatchInput.TITLE) ? 0 : 1)
                .thenComparingInt(Candidate::start));
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (chosen.size() >= max) {
                break;
            }
            boolean overlaps = chosen.stream()
                    .anyMatch(other -> other.field().equals(candidate.field())
                            && other.start() < candidate.end()
                            && candidate.start() < other.end());
            if (!overlaps) {
                chosen.add(candidate);
            }
        }
        chosen.sort(Comparator.comparingInt(
                        (Candidate candidate) -> candidate.field().equals(MatchInput.TITLE) ? 0 : 1)
                .thenComparingInt(Candidate::start));
        List<Snippet> snippets = new ArrayList<>();
        for (Candidate candidate : chosen) {
            snippets.add(candidate.toSnippet());
        }
        return snippets;
    }

    private record Candidate(String field, String text, int start, int end, List<Highlight> marks, Set<String> terms) {

        Snippet toSnippet() {
            int from = start;
            int to = end;
            String prefix = "";
            String suffix = "";
            if (to - from > MAX_LENGTH) {
                // Centre the window on the marks, then snap to word boundaries.
                int first = marks.get(0).start();
                int last = marks.get(marks.size() - 1).end();
                int middle = (first + last) / 2;
                int windowStart = Math.max(from, Math.min(middle - MAX_LENGTH / 2, to - MAX_LENGTH));
                int windowEnd = Math.min(to, windowStart + MAX_LENGTH);
                while (windowStart > from
                        && windowStart < first
                        && !Character.isWhitespace(text.charAt(windowStart - 1))) {
                    windowStart++;
                }
                while (windowEnd < to && windowEnd > last && !Character.isWhitespace(text.charAt(windowEnd))) {
                    windowEnd--;
                }
                prefix = windowStart > from ? "…" : "";
                suffix = windowEnd < to ? "…" : "";
                from = windowStart;
                to = windowEnd;
            }
            String body = text.substring(from, to).replaceAll("\\s", " ");
            String snippetText = prefix + body + suffix;
            List<Span> spans = new ArrayList<>();
            int previousEnd = 0;
            for (Highlight mark : marks) {
                int markStart = mark.start() - from + prefix.length();
                int markEnd = mark.end() - from + prefix.length();
                if (mark.start() < from || mark.end() > to || markStart < previousEnd) {
                    continue;
                }
                spans.add(new Span(markStart, markEnd, mark.term(), mark.clause()));
                previousEnd = markEnd;
            }
            return new Snippet(field, snippetText, spans);
        }
    }

    private static List<Candidate> sentences(AnalyzedField field, List<Highlight> highlights) {
        String text = field.text();
        List<Token> tokens = field.tokens();
        // Sentence extents from the tokens: first word start to last word end plus closing punctuation.
        TreeMap<Integer, int[]> extents = new TreeMap<>();
        for (Token token : tokens) {
            int[] extent = extents.computeIfAbsent(
                    token.sentence(), s -> new int[] {token.start(), token.end(), token.paragraph()});
            extent[1] = token.end();
        }
        // Widen each sentence to whole whitespace-separated chunks, so quotes, brackets and the closing stop stay on.
        for (int[] extent : extents.values()) {
            while (extent[0] > 0 && !Character.isWhitespace(text.charAt(extent[0] - 1))) {
                extent[0]--;
            }
            while (extent[1] < text.length() && !Character.isWhitespace(text.charAt(extent[1]))) {
                extent[1]++;
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (Highlight highlight : highlights) {
            Integer sentence = sentenceAt(tokens, highlight.start());
            if (sentence == null || !used.add(sentence)) {
                continue;
            }
            int[] extent = extents.get(sentence);
            int start = extent[0];
            int end = extent[1];
            int paragraph = extent[2];
            // Grow by following, then preceding sentences of the same paragraph up to the target length.
            Integer next = extents.higherKey(sentence);
            while (end - start < TARGET_LENGTH
                    && next != null
                    && extents.get(next)[2] == paragraph
                    && extents.get(next)[1] - start <= MAX_LENGTH) {
                end = extents.get(next)[1];
                used.add(next);
                next = extents.higherKey(next);
            }
            Integer previous = extents.lowerKey(sentence);
            while (end - start < TARGET_LENGTH
                    && previous != null
                    && extents.get(previous)[2] == paragraph
                    && end - extents.get(previous)[0] <= MAX_LENGTH) {
                start = extents.get(previous)[0];
                used.add(previous);
                previous = extents.lowerKey(previous);
            }
            int from = start;
            int to = end;
            List<Highlight> marks = highlights.stream()
                    .filter(h -> h.start() >= from && h.end() <= to)
                    .sorted(Comparator.comparingInt(Highlight::start))
                    .toList();
            Set<String> terms = new HashSet<>();
            marks.forEach(mark -> terms.add(mark.term()));
            candidates.add(new Candidate(field.name(), text, from, to, marks, terms));
        }
        return candidates;
    }

    private static Integer sentenceAt(List<Token> tokens, int offset) {
        int low = 0;
        int high = tokens.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Token token = tokens.get(middle);
            if (token.end() <= offset) {
                low = middle + 1;
            } else if (token.start() > offset) {
                high = middle - 1;
            } else {
                return token.sentence();
            }
        }
        return null;
    }
}
