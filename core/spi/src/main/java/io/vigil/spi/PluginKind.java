package io.vigil.spi;

/** The three kinds of plugin type, as named in the API ({@code GET /api/plugins}) and in configuration keys. */
public enum PluginKind {
    SOURCE("source"),
    RULE("rule"),
    NOTIFIER("notifier");

    private final String label;

    PluginKind(String label) {
        this.label = label;
    }

    /** The lowercase name used in the API and in {@code vigil.<kind>.<type>.*} configuration keys. */
    public String label() {
        return label;
    }
}
