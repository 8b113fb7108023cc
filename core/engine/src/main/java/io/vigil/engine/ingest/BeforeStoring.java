package io.vigil.engine.ingest;

/**
 * Work on a new article that needs nothing from the archive, such as analysing it and matching it against the rules,
 * done by the ingest pipeline before the storing transaction opens, so that the transaction only writes and holds its
 * locks for as short a time as possible. What it prepares reaches the {@link ArticleStored} observers in
 * {@link ArticleStored#prepared}. Runs on the ingesting thread, outside any transaction; must be thread-safe and must not
 * throw for an unmatched or odd article (a failure is logged and the article stored without that preparation).
 */
public interface BeforeStoring {

    /** Prepares what the observers of this article's {@link ArticleStored} will need. */
    Object prepare(Draft article);

    /**
     * A clean article about to be stored.
     *
     * @param language the language code, or {@code null}
     */
    record Draft(String title, String body, String sourceName, String language) {}
}
