package io.vigil.engine.ingest;

/** How durable the commit of an ingested document must be before {@code ingest} returns. */
public enum Durability {
    /**
     * On disk before returning: the caller tells someone the document is stored (an HTTP push answered 200), so a
     * crash must not lose it.
     */
    ACKNOWLEDGED,
    /**
     * May be lost in a crash in the fraction of a second before PostgreSQL flushes it, because the source will offer it
     * again: a pulled source's cursor is saved only after its documents, in a commit that flushes them too.
     */
    REPLAYABLE
}
