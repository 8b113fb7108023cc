package io.vigil.alerts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.engine.watch.Delivery;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DigestPeriodsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void hourlyPeriodsEndOnTheHourOfTheChannelsZone() {
        DigestPeriods periods = new DigestPeriods(8, ZoneId.of("Asia/Kolkata"), DayOfWeek.MONDAY);

        // Kolkata is UTC+05:30, so its hours end at half past the UTC hour.
        assertThat(periods.latestEnd(Delivery.HOURLY, Instant.parse("2026-12-02T10:45:00Z")))
                .isEqualTo(Instant.parse("2026-12-02T10:30:00Z"));
    }

    @Test
    void dailyPeriodsEndAtTheChannelsHourInItsZone() {
        DigestPeriods periods = new DigestPeriods(7, BERLIN, DayOfWeek.MONDAY);

        assertThat(periods.latestEnd(Delivery.DAILY, Instant.parse("2026-12-02T06:30:00Z")))
                .as("07:00 in Berlin in winter is 06:00 UTC")
                .isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
        assertThat(periods.latestEnd(Delivery.DAILY, Instant.parse("2026-12-02T05:59:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T06:00:00Z"));
        assertThat(periods.latestEnd(Delivery.DAILY, Instant.parse("2026-07-02T05:30:00Z")))
                .as("and 05:00 UTC in summer")
                .isEqualTo(Instant.parse("2026-07-02T05:00:00Z"));
    }

    @Test
    void weeklyPeriodsEndOnTheChannelsDayAtItsHour() {
        DigestPeriods periods = new DigestPeriods(9, BERLIN, DayOfWeek.FRIDAY);

        // 2026-12-02 is a Wednesday: the latest Friday 09:00 Berlin was 2026-11-27 08:00 UTC.
        assertThat(periods.latestEnd(Delivery.WEEKLY, Instant.parse("2026-12-02T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(periods.latestEnd(Delivery.WEEKLY, Instant.parse("2026-12-04T08:00:00Z")))
                .as("on the day, at the hour")
                .isEqualTo(Instant.parse("2026-12-04T08:00:00Z"));
        assertThat(periods.latestEnd(Delivery.WEEKLY, Instant.parse("2026-12-04T07:59:59Z")))
                .as("on the day, before the hour")
                .isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
    }

    @Test
    void immediateRoutesHaveNoPeriodAndHoursOutsideTheDayAreRefused() {
        DigestPeriods periods = new DigestPeriods(8, BERLIN, DayOfWeek.MONDAY);

        assertThatThrownBy(() -> periods.latestEnd(Delivery.IMMEDIATE, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DigestPeriods(24, BERLIN, DayOfWeek.MONDAY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
