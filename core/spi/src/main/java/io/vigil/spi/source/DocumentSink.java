package io.vigil.spi.source;

/**
 * Where a {@link Source} hands over what it fetched. Called on the fetching thread. The platform stores the documents
 * by the time {@link Source#fetch} returns (several at a time, in one transaction, which is much faster than one
 * each), and before it saves the cursor that fetch returns; a failure to store one is the platform's to record, not
 * the source's.
 */
public interface DocumentSink {

    /** Stores one document (or the several articles a page dump holds). */
    void accept(RawDocument document);

    /**
     * Records an item the source could not use — an empty or binary file, an entry without content — so the user sees
     * it on the source's health.
     *
     * @param item what was skipped, as the user would recognise it (a file name, an entry link)
     * @param reason why, in a few words
     */
    void skip(String item, String reason);
}
