package io.vigil.web.database;

import java.util.Objects;

/**
 * Which PostgreSQL Vigil uses, and why: the one configured, the server at the default address, or the embedded one.
 *
 * <p>The rule: a datasource URL configured explicitly (environment, system property, {@code .env},
 * {@code config/application.properties}) always wins. Otherwise, with {@code vigil.database.embedded=auto}, a state
 * folder that already holds an embedded database keeps using it (switching silently to an empty server would hide the
 * archive), and a first run uses the server at the default address when one answers there, else the embedded one.
 */
public record DatabaseChoice(Kind kind, String reason) {

    /** Where the archive lives. */
    public enum Kind {
        /** The datasource URL configured explicitly. */
        CONFIGURED,
        /** The server at the default address ({@code PGHOST}:{@code PGPORT}, else localhost:5432). */
        DEFAULT_SERVER,
        /** Vigil's own PostgreSQL in the state folder. */
        EMBEDDED
    }

    /** {@code vigil.database.embedded}: whether Vigil may run its own PostgreSQL. */
    public enum Mode {
        /** When no datasource is configured and no server answers at the default address (the default). */
        AUTO,
        /** Never: without a server Vigil waits for one, as before. */
        NEVER;

        public static Mode parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "auto" -> AUTO;
                case "never", "false", "off" -> NEVER;
                default ->
                    throw new IllegalArgumentException(
                            "vigil.database.embedded must be auto or never, not '" + value + "'");
            };
        }
    }

    public DatabaseChoice {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(reason, "reason is null");
    }

    /**
     * The choice for what is known at start-up. {@code serverAnswers} is asked only when it matters, since it costs a
     * connection attempt.
     */
    public static DatabaseChoice decide(
            boolean urlConfigured,
            Mode mode,
            boolean embeddedDataExists,
            String defaultAddress,
            java.util.function.BooleanSupplier serverAnswers) {
        if (urlConfigured) {
            return new DatabaseChoice(Kind.CONFIGURED, "the datasource URL is configured");
        }
        if (mode == Mode.NEVER) {
            return new DatabaseChoice(Kind.DEFAULT_SERVER, "vigil.database.embedded is never");
        }
        if (embeddedDataExists) {
            return new DatabaseChoice(Kind.EMBEDDED, "the state folder holds this instance's embedded database");
        }
        if (serverAnswers.getAsBoolean()) {
            return new DatabaseChoice(Kind.DEFAULT_SERVER, "PostgreSQL answers at " + defaultAddress);
        }
        return new DatabaseChoice(
                Kind.EMBEDDED,
                "no PostgreSQL answers at " + defaultAddress + " and QUARKUS_DATASOURCE_JDBC_URL is not set");
    }
}
