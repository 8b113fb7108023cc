package io.vigil.spi.config;

/** The type of a configuration field: decides how the UI renders it and how the platform checks a value. */
public enum FieldType {
    /** One line of text. */
    STRING,
    /** Several lines of text. */
    TEXT,
    /** A whole number (a {@code long}). */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** An absolute {@code http} or {@code https} URL. */
    URL,
    /** An e-mail address, or several separated by commas. */
    EMAIL,
    /** An ISO-8601 duration such as {@code PT15M}, or a plain number with a unit: {@code 15m}, {@code 2h}, {@code 30s}. */
    DURATION,
    /** One of {@link ConfigField#options()}. */
    CHOICE,
    /** A file system path. */
    PATH
}
