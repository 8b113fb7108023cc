package io.vigil.alerts.channel;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Locale;

/**
 * When a channel's digests go out: daily ones at {@code hour}, weekly ones on {@code day} at {@code hour}, both in
 * {@code timeZone}; hourly ones on the hour. A {@code null} part takes {@code vigil.delivery.digest-hour},
 * {@code vigil.delivery.time-zone} or {@code vigil.delivery.digest-day}.
 *
 * @param hour 0 to 23
 * @param timeZone an IANA time zone such as {@code Europe/Berlin}, or {@code UTC}
 * @param day {@code monday} … {@code sunday}
 */
public record DigestTimes(Integer hour, String timeZone, String day) {

    /** Every part the default. */
    public static final DigestTimes DEFAULTS = new DigestTimes(null, null, null);

    /**
     * The times with blanks as defaults, checked and spelled as stored.
     *
     * @throws InvalidChannelException naming {@code digest.hour}, {@code digest.timeZone} or {@code digest.day}
     */
    public DigestTimes checked() {
        if (hour != null && (hour < 0 || hour > 23)) {
            throw new InvalidChannelException("digest.hour", "digest.hour must be 0 to 23, not " + hour);
        }
        String zone = timeZone == null || timeZone.isBlank() ? null : timeZone.strip();
        if (zone != null) {
            try {
                zone = ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                throw new InvalidChannelException(
                        "digest.timeZone",
                        "digest.timeZone must be a time zone such as Europe/Berlin or UTC, not '" + timeZone + "'");
            }
        }
        String weekday = day == null || day.isBlank() ? null : day.strip().toLowerCase(Locale.ROOT);
        if (weekday != null) {
            try {
                DayOfWeek.valueOf(weekday.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidChannelException(
                        "digest.day", "digest.day must be monday, tuesday, … or sunday, not '" + day + "'");
            }
        }
        return new DigestTimes(hour, zone, weekday);
    }
}
