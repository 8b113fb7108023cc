package io.vigil.alerts.digest;

import io.vigil.engine.watch.Delivery;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * When one channel's digest periods end: hourly on the hour, daily at its digest hour, weekly on its digest day at that
 * hour, all in its time zone.
 *
 * @param digestHour the hour of day (0–23) daily and weekly digests go out
 * @param zone the time zone of all three
 * @param day the day weekly digests go out
 */
record DigestPeriods(int digestHour, ZoneId zone, DayOfWeek day) {

    DigestPeriods {
        if (digestHour < 0 || digestHour > 23) {
            throw new IllegalArgumentException("the digest hour must be 0 to 23, not " + digestHour);
        }
        Objects.requireNonNull(zone, "zone is null");
        Objects.requireNonNull(day, "day is null");
    }

    /** The end of the latest period of a digest delivery at or before {@code now}. */
    Instant latestEnd(Delivery delivery, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        return switch (delivery) {
            case HOURLY -> local.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAILY -> {
                LocalDate day = local.toLocalDate();
                ZonedDateTime today = day.atTime(digestHour, 0).atZone(zone);
                yield (today.isAfter(local)
                                ? day.minusDays(1).atTime(digestHour, 0).atZone(zone)
                                : today)
                        .toInstant();
            }
            case WEEKLY -> {
                LocalDate latestDay = local.toLocalDate().with(TemporalAdjusters.previousOrSame(day));
                ZonedDateTime end = latestDay.atTime(digestHour, 0).atZone(zone);
                yield (end.isAfter(local)
                                ? latestDay.minusWeeks(1).atTime(digestHour, 0).atZone(zone)
                                : end)
                        .toInstant();
            }
            case IMMEDIATE -> throw new IllegalArgumentException("immediate routes have no digest");
        };
    }
}
