package io.vigil.engine.alert;

import java.time.Instant;

/**
 * Which alerts to list and which page of them; every filter is optional ({@code null}) and they combine with AND.
 *
 * @param ruleId the alerts of one rule
 * @param storyId the alerts of one story
 * @param since opened or joined by an article at or after this time
 * @param until opened before this time
 * @param outlet carried by this outlet (an article's source, compared without regard to case)
 * @param state new or acknowledged
 * @param feedback judged so, or not judged yet
 * @param escalated whether the story escalated
 * @param muted whether a silence muted it
 * @param order newest opened first, or most recently changed first
 * @param limit the page size, at least 1
 * @param offset the alerts to skip
 */
public record InboxQuery(
        Long ruleId,
        Long storyId,
        Instant since,
        Instant until,
        String outlet,
        AlertState state,
        Feedback feedback,
        Boolean escalated,
        Boolean muted,
        Order order,
        int limit,
        int offset) {

    /** How the page is sorted. */
    public enum Order {
        /** By when the alert opened, newest first: the inbox. */
        OPENED,
        /** By when an article last joined, newest first: feeds, whose readers look for changed entries. */
        CHANGED
    }

    public InboxQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        order = order == null ? Order.OPENED : order;
        outlet = outlet == null || outlet.isBlank() ? null : outlet.strip();
    }

    /** Every alert, newest first, {@code limit} at a time. */
    public static InboxQuery all(int limit, int offset) {
        return new InboxQuery(null, null, null, null, null, null, null, null, null, Order.OPENED, limit, offset);
    }

    public InboxQuery withRule(Long id) {
        return new InboxQuery(
                id, storyId, since, until, outlet, state, feedback, escalated, muted, order, limit, offset);
    }

    public InboxQuery withState(AlertState value) {
        return new InboxQuery(
                ruleId, storyId, since, until, outlet, value, feedback, escalated, muted, order, limit, offset);
    }

    public InboxQuery withMuted(Boolean value) {
        return new InboxQuery(
                ruleId, storyId, since, until, outlet, state, feedback, escalated, value, order, limit, offset);
    }

    public InboxQuery withOrder(Order value) {
        return new InboxQuery(
                ruleId, storyId, since, until, outlet, state, feedback, escalated, muted, value, limit, offset);
    }

    public InboxQuery withPage(int pageLimit, int pageOffset) {
        return new InboxQuery(
                ruleId, storyId, since, until, outlet, state, feedback, escalated, muted, order, pageLimit, pageOffset);
    }
}
