package io.vigil.web.rule;

import io.vigil.engine.rule.Snippet;
import io.vigil.engine.rule.Span;
import java.util.List;

/**
 * A marked passage as the API shows it: the plain text, the marked ranges, and the same passage as escaped HTML with
 * {@code <mark>} around the terms.
 *
 * @param marks {@code [start, end]} ranges of {@code text}
 */
public record SnippetJson(String field, String text, List<int[]> marks, String html) {

    public static SnippetJson from(Snippet snippet) {
        List<int[]> marks = snippet.marks().stream()
                .map((Span mark) -> new int[] {mark.start(), mark.end()})
                .toList();
        return new SnippetJson(snippet.field(), snippet.text(), marks, snippet.toHtml());
    }

    public static List<SnippetJson> from(List<Snippet> snippets) {
        return snippets.stream().map(SnippetJson::from).toList();
    }
}
