package io.vigil.engine.extract;

import java.util.Objects;

/**
 * One article recovered from a page: its headline and its text, paragraphs separated by a blank line.
 *
 * @param title the headline, whitespace collapsed, never blank
 * @param body the paragraphs joined by {@code "\n\n"}, trimmed, never blank
 */
public record ExtractedArticle(String title, String body) {

    public ExtractedArticle {
        Objects.requireNonNull(title, "title is null");
        Objects.requireNonNull(body, "body is null");
    }
}
