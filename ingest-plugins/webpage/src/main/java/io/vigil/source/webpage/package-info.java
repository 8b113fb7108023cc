/**
 * The {@code webpage} source: watches a listing page (a section front) of a site without a feed and extracts each
 * new article it links to ({@link io.vigil.source.webpage.WebpageSourceFactory}). Link finding and extraction come
 * from the shared {@code vigil-article-extractor} library; every request goes through the platform's HTTP client.
 */
package io.vigil.source.webpage;
