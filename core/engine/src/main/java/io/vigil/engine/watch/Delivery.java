package io.vigil.engine.watch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a route delivers a rule's alerts to its channel: at once, or collected into a digest per period. */
public enum Delivery {
    /** One notification when a story first matches (and updates, when the rule asks for them). */
    IMMEDIATE,
    /** A digest on the hour. */
    HOURLY,
    /** A digest once a day, at the channel's digest hour. */
    DAILY,
    /** A digest once a week, on the channel's digest day at its digest hour. */
    WEEKLY;

    /** The name in the API, the forms and the database: {@code immediate}, {@code hourly}, {@code daily}, {@code weekly}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether alerts wait for a digest. */
    public boolean isDigest() {
        return this != IMMEDIATE;
    }

    /** The mode named {@code id} (surrounding spaces ignored), or empty when there is none. */
    public static Optional<Delivery> of(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip();
        return Arrays.stream(values()).filter(mode -> mode.id().equals(wanted)).findFirst();
    }

    /** The names, for error messages: {@code immediate, hourly, daily or weekly}. */
    public static String names() {
        String all = Arrays.stream(values()).map(Delivery::id).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
