package io.vigil.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NativeRowsTest {

    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void everyTimeTypeADriverReturnsReadsAsTheSameInstant() {
        assertThat(NativeRows.instant(NOON)).isEqualTo(NOON);
        assertThat(NativeRows.instant(OffsetDateTime.ofInstant(NOON, ZoneOffset.ofHours(2))))
                .isEqualTo(NOON);
        assertThat(NativeRows.instant(Timestamp.from(NOON))).isEqualTo(NOON);
        assertThat(NativeRows.instant(LocalDateTime.of(2026, 3, 1, 12, 0))).isEqualTo(NOON);
        assertThat(NativeRows.instant(null)).isNull();
        assertThatThrownBy(() -> NativeRows.instant("2026-03-01")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTimestampWithoutZoneIsReadAsUtcWallTime() {
        assertThat(NativeRows.utcInstant(Timestamp.valueOf(LocalDateTime.of(2026, 3, 1, 12, 0))))
                .isEqualTo(NOON);
        assertThat(NativeRows.utcInstant(LocalDateTime.of(2026, 3, 1, 12, 0))).isEqualTo(NOON);
        assertThat(NativeRows.utcInstant(NOON)).isEqualTo(NOON);
        assertThat(NativeRows.utcInstant(null)).isNull();
    }

    @Test
    void aTextArrayReadsAsItsElementsAndNothingElseAsNone() {
        assertThat(NativeRows.strings(new String[] {"flood", "coast road"})).containsExactly("flood", "coast road");
        assertThat(NativeRows.strings(null)).isEmpty();
        assertThat(NativeRows.strings("flood")).isEmpty();
    }
}
