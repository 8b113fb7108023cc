package io.vigil.web.rule;

import io.vigil.engine.rule.Snippet;
import io.vigil.engine.rule.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A marked passage as the API shows it: the plain text, the marked ranges, the same passage as escaped HTML with
 * {@code <mark>} around the terms, and why each range is marked.
 *
 * @param marks {@code [start, end]} ranges of {@code text}
 * @param terms the rule term behind each mark, aligned with {@code marks} ({@code null} when unknown)
 * @param clauses the clause of the rule behind each mark, as the rule was read, aligned with {@code marks}
 *     ({@code null} when unknown)
 */
public record SnippetJson(
        String field, String text, List<int[]> marks, String html, List<String> terms, List<String> clauses) {

    public static SnippetJson from(Snippet snippet) {
        List<int[]> marks = snippet.marks().stream()
                .map((Span mark) -> new int[] {mark.start(), mark.end()})
                .toList();
        List<String> terms = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        for (Span mark : snippet.marks()) {
            terms.add(mark.term());
            clauses.add(mark.clause());
        }
        return new SnippetJson(
                snippet.field(),
                snippet.text(),
                marks,
                snippet.toHtml(),
                Collections.unmodifiableList(terms),
                Collections.unmodifiableList(clauses));
    }

    public static List<SnippetJson> from(List<Snippet> snippets) {
        return snippets.stream().map(SnippetJson::from).toList();
    }
}
