package io.vigil.engine.archive;

/** Fired once, when the database schema is migrated and the archive can be used. */
public record ArchiveReady() {}
