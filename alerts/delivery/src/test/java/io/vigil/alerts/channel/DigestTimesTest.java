package io.vigil.alerts.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestTimesTest {

    @Test
    void blanksTakeTheDefaultsAndValuesAreSpelledAsStored() {
        assertThat(new DigestTimes(null, " ", "").checked()).isEqualTo(DigestTimes.DEFAULTS);
        assertThat(new DigestTimes(6, " Europe/Berlin ", "Friday").checked())
                .isEqualTo(new DigestTimes(6, "Europe/Berlin", "friday"));
    }

    @Test
    void eachBadPartIsRefusedNamingItsField() {
        assertThatThrownBy(() -> new DigestTimes(24, null, null).checked())
                .isInstanceOfSatisfying(InvalidChannelException.class, e -> assertThat(e.field())
                        .isEqualTo("digest.hour"));
        assertThatThrownBy(() -> new DigestTimes(-1, null, null).checked())
                .isInstanceOfSatisfying(InvalidChannelException.class, e -> assertThat(e.field())
                        .isEqualTo("digest.hour"));
        assertThatThrownBy(() -> new DigestTimes(null, "Mars/Olympus_Mons", null).checked())
                .isInstanceOfSatisfying(InvalidChannelException.class, e -> assertThat(e.field())
                        .isEqualTo("digest.timeZone"));
        assertThatThrownBy(() -> new DigestTimes(null, null, "someday").checked())
                .isInstanceOfSatisfying(InvalidChannelException.class, e -> assertThat(e.field())
                        .isEqualTo("digest.day"));
    }
}
