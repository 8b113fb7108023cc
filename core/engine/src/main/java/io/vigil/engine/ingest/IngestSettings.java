package io.vigil.engine.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of the ingest pipeline ({@code vigil.ingest.*}). */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestSettings {

    /** The largest document accepted, from a push or a source, in bytes (20 MiB). */
    @WithDefault("20971520")
    long maxDocumentBytes();

    /**
     * The largest batch push ({@code application/x-ndjson}) accepted, in bytes (20 MiB); a larger one is refused whole
     * (413) and nothing of it stored.
     */
    @WithDefault("20971520")
    long maxBatchBytes();

    /**
     * How many documents of a pulled source are stored in one transaction, and the most single pushes of one source
     * that share a commit. Larger batches pay fewer round trips per document but hold the story locks of their articles
     * longer, which copies of those stories wait for.
     */
    @WithDefault("50")
    int batchDocuments();

    /** A batch is stored early once its documents hold this many bytes (8 MiB), to bound the memory it holds. */
    @WithDefault("8388608")
    long batchBytes();

    /**
     * A batch is stored early once its first document has waited this long, so a slow source (one page fetched at a
     * time) does not hold back the articles it already has, nor their alerts.
     */
    @WithDefault("PT2S")
    Duration batchWait();
}
