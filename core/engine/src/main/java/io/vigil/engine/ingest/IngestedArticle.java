package io.vigil.engine.ingest;

/**
 * One article a document produced.
 *
 * @param id the article's id in the archive
 * @param title its headline
 * @param storyId the story it belongs to
 * @param duplicate {@code true} when this outlet's archive already had the same content, so nothing was stored
 */
public record IngestedArticle(long id, String title, long storyId, boolean duplicate) {}
