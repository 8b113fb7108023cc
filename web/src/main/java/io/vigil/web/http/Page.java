package io.vigil.web.http;

import java.util.List;

/** A slice of a list, with how many items there are in all: {@code {"items": [...], "total": N}}. */
public record Page<T>(List<T> items, long total) {
    public Page {
        items = List.copyOf(items);
    }
}
