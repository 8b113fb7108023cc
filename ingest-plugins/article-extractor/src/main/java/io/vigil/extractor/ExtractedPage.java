package io.vigil.extractor;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The article found in a page.
 *
 * @param title the headline, or {@code ""} when the page names none
 * @param text the article text, paragraphs separated by blank lines; {@code ""} when no article was found
 * @param publishedAt when the page says it was published, or {@code null}
 * @param language the ISO 639 code the page declares ({@code en}, {@code fr}), or {@code null}
 * @param links the absolute {@code http(s)} links inside the article text, in order, without repeats
 */
public record ExtractedPage(String title, String text, Instant publishedAt, String language, List<URI> links) {

    public ExtractedPage {
        title = title == null ? "" : title;
        text = Objects.requireNonNull(text, "text is null");
        links = List.copyOf(links);
    }

    public Optional<Instant> published() {
        return Optional.ofNullable(publishedAt);
    }

    public Optional<String> declaredLanguage() {
        return Optional.ofNullable(language);
    }

    /** Whether an article worth keeping was found: at least a sentence or two of text. */
    public boolean hasArticle() {
        return text.length() >= 80;
    }
}
