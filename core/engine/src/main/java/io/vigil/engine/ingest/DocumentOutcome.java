package io.vigil.engine.ingest;

/** What became of one document of a batch handed to {@link IngestPipeline#ingestAll}. */
public sealed interface DocumentOutcome {

    /** Stored, or already known: the articles it produced. */
    record Stored(IngestOutcome outcome) implements DocumentOutcome {}

    /** Holds no storable article; the reason says which and why. Nothing was stored. */
    record Unusable(String reason) implements DocumentOutcome {}

    /** Storing it failed; nothing of it was stored. */
    record Failed(RuntimeException error) implements DocumentOutcome {}
}
