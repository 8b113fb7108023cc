package io.vigil.quality;

import java.util.Objects;

/**
 * A news item of the labelled set, with its text as read from the shared corpus.
 *
 * @param id the corpus record's id
 * @param corpusFile the corpus file it comes from
 * @param split whether the item may be tuned against
 * @param title the headline (for a Wikipedia Current Events item, the topic heading it sits under; may be empty)
 * @param body the text, paragraphs separated by blank lines
 * @param source the outlet's name
 */
public record LabelledItem(String id, String corpusFile, Split split, String title, String body, String source) {
    public LabelledItem {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(corpusFile, "corpusFile is null");
        Objects.requireNonNull(split, "split is null");
        Objects.requireNonNull(title, "title is null");
        Objects.requireNonNull(body, "body is null");
        Objects.requireNonNull(source, "source is null");
    }

    /** Title and body as one text, the way the full-text baselines index them. */
    public String titleAndBody() {
        return title + " " + body;
    }

    /** The first words of the body, enough to recognise the item in a list of errors. */
    public String opening(int maxChars) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= maxChars ? flat : flat.substring(0, maxChars - 1) + "…";
    }
}
