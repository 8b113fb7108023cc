package io.vigil.engine.alert;

import java.util.List;

/**
 * One page of the inbox and how many alerts match in all.
 *
 * @param items the alerts of the page, in the query's order
 * @param total every alert matching the filters
 */
public record InboxPage(List<AlertView> items, long total) {
    public InboxPage {
        items = List.copyOf(items);
    }
}
