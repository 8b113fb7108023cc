package io.vigil.spi.source;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;

/**
 * A configured place articles come from: a feed, a folder, a web page.
 *
 * <h2>Lifecycle and threading</h2>
 * <ol>
 *   <li>The platform calls {@link #fetch} on a schedule or when a user asks ("fetch now"), never twice at the same
 *       time for one source; different sources are fetched concurrently.
 *   <li>{@code fetch} hands each document to the sink as soon as it has it; the platform stores it in its own
 *       transaction. A document the source cannot read is {@linkplain DocumentSink#skip reported}, not thrown.
 *   <li>When {@code fetch} returns, the platform saves the returned {@link Cursor}; the next call gets it back,
 *       also after a restart. If {@code fetch} throws, the cursor is not advanced, so documents are offered again:
 *       that is safe, because storing the same content twice changes nothing.
 *   <li>{@link #close()} is called once, when the source is deleted, reconfigured or the platform stops.
 * </ol>
 */
public interface Source extends AutoCloseable {

    /**
     * Fetches what is new since {@code cursor}.
     *
     * @param cursor what the previous successful fetch returned; {@link Cursor#EMPTY} the first time
     * @param sink receives each document, and each item skipped with the reason
     * @return the cursor to pass to the next fetch
     * @throws TemporaryFailureException the source is unreachable or busy; the platform backs off and retries
     * @throws PermanentFailureException the source cannot work as configured; shown on the source until fixed
     */
    Cursor fetch(Cursor cursor, DocumentSink sink) throws TemporaryFailureException, PermanentFailureException;

    /**
     * Reads content a hub pushed for this source (WebSub), the way {@link #fetch} reads what it fetched: new items go
     * to the sink, and the returned cursor is saved. Called only after the source {@linkplain
     * SourceContext#advertisesPushHub advertised} a hub and the platform verified the delivery's signature; never at
     * the same time as {@code fetch} or another push for the same source.
     *
     * @throws PermanentFailureException the content cannot be read; nothing of it is stored and the cursor stays
     */
    default Cursor receive(Cursor cursor, PushedContent content, DocumentSink sink) throws PermanentFailureException {
        throw new PermanentFailureException("this source does not read pushed content");
    }

    /** Releases what the source holds (connections, watchers). The default holds nothing. */
    @Override
    default void close() {}
}
