package io.vigil.web.ui;

import io.vigil.engine.rule.Snippet;
import io.vigil.engine.watch.StoredSnippets;
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

    private Passages() {}

    /**
     * A passage ready for a template's {@code .raw}: which field it comes from, its sanitised HTML, and the clauses of
     * the rule its marks satisfied (empty when the rule type names none).
     */
    public record Passage(String field, String html, List<String> clauses) {}

    /** A passage from an engine snippet. */
    public static Passage of(Snippet snippet) {
        List<String> clauses = snippet.marks().stream()
                .map(mark -> mark.clause())
                .filter(clause -> clause != null)
                .distinct()
                .toList();
        return new Passage(snippet.field(), MARKS_ONLY.sanitize(snippet.toHtml()), clauses);
    }

    /** Passages from the stored form ({@code article_match.snippets}), read by the one parser of it. */
    public static List<Passage> fromStored(String json) {
        return StoredSnippets.fromJson(json).stream().map(Passages::of).toList();
    }
}
