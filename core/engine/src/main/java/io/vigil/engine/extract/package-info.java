/**
 * Extract and clean: turns raw page text into articles, the first step of the ingest flow.
 *
 * <p>A source hands over a page dump, the text of a news page as a browser copies it. {@link
 * io.vigil.engine.extract.PageDumpSplitter} finds the articles it holds by their structure (a headline printed
 * twice around the photo block, or a headline-like line opening a block of text) and keeps only article text: no
 * captions, widget lines, footers or reader comments. A plain-text article pushed with its own title only needs
 * {@link io.vigil.engine.extract.TextCleaner#normalizeBody}. Either way the result is an {@link
 * io.vigil.engine.extract.ExtractedArticle}, which the fingerprint step turns into a story key.
 */
package io.vigil.engine.extract;
