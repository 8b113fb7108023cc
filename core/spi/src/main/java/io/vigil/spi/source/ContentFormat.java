package io.vigil.spi.source;

/** How the content of a {@link RawDocument} is to be read. */
public enum ContentFormat {
    /** Clean article text; paragraphs separated by blank lines. */
    TEXT,
    /** An HTML page or fragment; the platform extracts the article text. */
    HTML,
    /**
     * A saved text dump of a news page that may hold several articles with their page furniture (repeated headlines
     * and captions, widget lines, footers, comment threads); the platform splits and cleans it. See {@code seeds/}.
     */
    PAGE_DUMP
}
