/**
 * The {@code rss} source: RSS 0.9x, 1.0 (RDF), 2.0 and Atom feeds, read with Rome on a hardened XML parser
 * ({@link io.vigil.source.rss.RssSourceFactory}). OPML subscription lists are read and written by the small
 * {@code vigil-opml} library, which the host's import and export use.
 *
 * <p>The flow of one fetch: conditional GET through the platform's HTTP client, charset detection
 * ({@code FeedCharset}), parsing with a lenient second try ({@code FeedReader}), new entries recognised by guid, link
 * or content ({@code SeenItems}), optionally the full article fetched and extracted, and a {@code RawDocument} of clean
 * text handed to the platform per new entry.
 */
package io.vigil.source.rss;
