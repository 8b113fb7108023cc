/**
 * The Vigil engine: how one article travels from a source into the archive.
 *
 * <ol>
 *   <li>{@link io.vigil.engine.plugin.PluginRegistry} finds every plugin type with {@code ServiceLoader} at start-up.
 *   <li>{@link io.vigil.engine.source.SourceScheduler} claims due sources in PostgreSQL and runs their
 *       {@link io.vigil.spi.source.Source#fetch fetch}; each document goes to the pipeline, the cursor and health are
 *       saved when the fetch ends.
 *   <li>{@link io.vigil.engine.ingest.IngestPipeline} extracts and cleans each document (splitting page dumps),
 *       fingerprints it, and stores article and story in one transaction per document; it then announces each new
 *       article as an {@link io.vigil.engine.ingest.ArticleStored} event inside that transaction, so whatever observes
 *       it (rule matching, alerts, the outbox) commits or rolls back with the article.
 *   <li>{@link io.vigil.engine.archive.ArchiveMigrations} brings the schema up with Flyway and keeps retrying while
 *       PostgreSQL is down, so Vigil starts without a database and becomes ready when it appears.
 * </ol>
 */
package io.vigil.engine;
