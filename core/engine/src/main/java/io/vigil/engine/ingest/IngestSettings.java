package io.vigil.engine.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the ingest pipeline ({@code vigil.ingest.*}). */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestSettings {

    /** The largest document accepted, from a push or a source, in bytes (20 MiB). */
    @WithDefault("20971520")
    long maxDocumentBytes();
}
