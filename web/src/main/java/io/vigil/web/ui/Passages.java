package io.vigil.web.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.engine.rule.Snippet;
import io.vigil.engine.rule.Span;
import java.util.ArrayList;
import java.util.List;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Turns matched passages into the only markup pages render from stored data: the article text escaped, the matched
 * words in {@code <mark>}. The HTML built by {@link Snippet#toHtml()} is passed through a sanitiser that allows
 * {@code <mark>} and nothing else, so a mistake in building it can never let article text become markup.
 */
public final class Passages {

    /** Allows {@code <mark>} without attributes; everything else is escaped or dropped. */
    static final PolicyFactory MARKS_ONLY =
            new HtmlPolicyBuilder().allowElements("mark").toFactory();

    private static final ObjectMapper JSON = new ObjectMapper();

    private Passages() {}

    /** A passage ready for a template's {@code .raw}: which field it comes from and its sanitised HTML. */
    public record Passage(String field, String html) {}

    /** A passage from an engine snippet. */
    public static Passage of(Snippet snippet) {
        return new Passage(snippet.field(), MARKS_ONLY.sanitize(snippet.toHtml()));
    }

    /**
     * Passages from the stored form ({@code article_match.snippets}): {@code [{"field", "text", "marks": [[start,
     * end], …]}]}; unreadable entries are skipped.
     */
    public static List<Passage> fromStored(String json) {
        List<Passage> passages = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return passages;
        }
        try {
            for (JsonNode node : JSON.readTree(json)) {
                String text = node.path("text").asText("");
                List<Span> marks = new ArrayList<>();
                for (JsonNode mark : node.path("marks")) {
                    int start = mark.path(0).asInt(-1);
                    int end = mark.path(1).asInt(-1);
                    if (start >= 0 && end > start && end <= text.length()) {
                        marks.add(new Span(start, end, ""));
                    }
                }
                marks.sort(java.util.Comparator.comparingInt(Span::start));
                List<Span> disjoint = new ArrayList<>();
                int after = 0;
                for (Span mark : marks) {
                    if (mark.start() >= after) {
                        disjoint.add(mark);
                        after = mark.end();
                    }
                }
                passages.add(of(new Snippet(node.path("field").asText("body"), text, disjoint)));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException unreadable) {
            // a passage we cannot read is left out; the alert and its articles still show
        }
        return passages;
    }
}
