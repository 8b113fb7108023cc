package io.vigil.alerts.outbox;

/**
 * Notifications were written to the outbox in the current transaction; the worker is woken once it commits.
 *
 * @param rows how many outbox rows were written
 */
public record OutboxWritten(int rows) {}
