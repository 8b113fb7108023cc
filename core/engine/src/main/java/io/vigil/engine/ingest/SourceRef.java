package io.vigil.engine.ingest;

import java.util.Objects;

/**
 * Where a document came from.
 *
 * @param id the configured source, or {@code null} for a push that names no configured source
 * @param name the outlet name stored with each article; an article is stored once per outlet
 */
public record SourceRef(Long id, String name) {
    public SourceRef {
        Objects.requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("source name is blank");
        }
    }
}
