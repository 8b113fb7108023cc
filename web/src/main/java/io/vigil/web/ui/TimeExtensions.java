package io.vigil.web.ui;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How pages write times: {@code {time.when}} → "2026-11-22 14:05 UTC", {@code {time.ago}} → "5 min ago".
 *
 * <p>Qute calls an extension method only on a value that is there: a time that may be {@code null} (never used, not
 * fetched yet) needs a default in the template, {@code {token.lastUsedAt.ago ?: 'never'}}, or the page fails.
 */
@TemplateExtension
public final class TimeExtensions {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private TimeExtensions() {}

    static String when(Instant time) {
        return time == null ? "—" : WHEN.format(time);
    }

    static String ago(Instant time) {
        if (time == null) {
            return "never";
        }
        Duration age = Duration.between(time, Instant.now());
        boolean future = age.isNegative();
        Duration span = age.abs();
        String amount;
        if (span.toSeconds() < 60) {
            return future ? "in under a minute" : "just now";
        } else if (span.toMinutes() < 60) {
            amount = span.toMinutes() + " min";
        } else if (span.toHours() < 48) {
            amount = span.toHours() + " h";
        } else {
            amount = span.toDays() + " days";
        }
        return future ? "in " + amount : amount + " ago";
    }
}
