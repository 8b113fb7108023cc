package io.vigil.spi.rule;

import java.util.Objects;

/**
 * A span of a field that made a rule match, for snippets and marked-up alerts.
 *
 * @param field the field name
 * @param start the offset of the first character in the field text
 * @param end the offset after the last character
 * @param term the rule term this span satisfied, as the user wrote it
 */
public record Highlight(String field, int start, int end, String term) {
    public Highlight {
        Objects.requireNonNull(field, "field is null");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
