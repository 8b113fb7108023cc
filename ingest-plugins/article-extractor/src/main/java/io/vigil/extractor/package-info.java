/**
 * Article extraction for Vigil's sources: {@link io.vigil.extractor.ArticleExtractor} finds the article in a news page,
 * {@link io.vigil.extractor.ListingLinks} finds the article links on a section front, {@link io.vigil.extractor.HtmlText}
 * reads HTML as paragraphs and {@link io.vigil.extractor.PublicationDate} reads the dates pages and feeds write.
 *
 * <p>A plain jsoup library shared by the {@code rss} and {@code webpage} sources, not a plugin: each source jar
 * carries it.
 */
package io.vigil.extractor;
