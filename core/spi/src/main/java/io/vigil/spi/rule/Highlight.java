package io.vigil.spi.rule;

import java.util.Objects;

/**
 * A span of a field that made a rule match, for snippets and marked-up alerts.
 *
 * @param field the field name
 * @param start the offset of the first character in the field text
 * @param end the offset after the last character
 * @param term the rule term this span satisfied, as the user wrote it
 * @param clause the clause of the rule the term satisfied, in the rule's {@link CompiledRule#reading() reading}, or
 *     {@code null} when the rule type does not say; travels with the passage to alerts and webhooks
 */
public record Highlight(String field, int start, int end, String term, String clause) {
    public Highlight {
        Objects.requireNonNull(field, "field is null");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** A highlight that names no clause. */
    public Highlight(String field, int start, int end, String term) {
        this(field, start, end, term, null);
    }
}
