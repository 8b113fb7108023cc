package io.vigil.alerts.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * When digest periods end: hourly on the hour, daily at a configured hour, both in one time zone.
 *
 * @param digestHour the hour of day (0–23) daily digests go out
 * @param zone the time zone of both
 */
record DigestPeriods(int digestHour, ZoneId zone) {

    DigestPeriods {
        if (digestHour < 0 || digestHour > 23) {
            throw new IllegalArgumentException("vigil.delivery.digest-hour must be 0 to 23, not " + digestHour);
        }
    }

    /** The end of the latest period of a rule's delivery ({@code hourly} or {@code daily}) at or before {@code now}. */
    Instant latestEnd(String delivery, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        return switch (delivery) {
            case "hourly" -> local.truncatedTo(ChronoUnit.HOURS).toInstant();
            case "daily" -> {
                LocalDate day = local.toLocalDate();
                ZonedDateTime today = day.atTime(digestHour, 0).atZone(zone);
                yield (today.isAfter(local)
                                ? day.minusDays(1).atTime(digestHour, 0).atZone(zone)
                                : today)
                        .toInstant();
            }
            default -> throw new IllegalArgumentException("'" + delivery + "' rules have no digest");
        };
    }
}
