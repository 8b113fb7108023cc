package io.vigil.spi.testkit;

import io.vigil.spi.source.DocumentSink;
import io.vigil.spi.source.RawDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link DocumentSink} that keeps what a source handed over, for assertions. Not thread-safe. */
public final class RecordingSink implements DocumentSink {

    private final List<RawDocument> documents = new ArrayList<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();

    @Override
    public void accept(RawDocument document) {
        documents.add(document);
    }

    @Override
    public void skip(String item, String reason) {
        skipped.put(item, reason);
    }

    public List<RawDocument> documents() {
        return List.copyOf(documents);
    }

    /** Skipped items and their reasons, in the order they were reported. */
    public Map<String, String> skipped() {
        return Map.copyOf(skipped);
    }
}
