package io.vigil.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicationDateTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Tue, 30 Dec 2014 08:12:34 GMT | 2014-12-30T08:12:34Z",
                "Tue, 30 Dec 2014 08:12:34 +0100 | 2014-12-30T07:12:34Z",
                "Mon, 16 Oct 2017 15:10:00 Z | 2017-10-16T15:10:00Z",
                "30 Dec 2014 08:12 EST | 2014-12-30T13:12:00Z",
                "03 Apr 02 1500 GMT | 2002-04-03T15:00:00Z",
                "mer, 16 nov 2022 00:38:15 +0100 | 2022-11-15T23:38:15Z",
                "Sa, 12 Mär 2022 10:00:00 +0100 | 2022-03-12T09:00:00Z",
                "Sat, Dec 16 2023 02:02:33 PM | 2023-12-16T14:02:33Z",
                "December 16, 2023 | 2023-12-16T00:00:00Z",
                "2014-12-30T08:12:34Z | 2014-12-30T08:12:34Z",
                "2014-12-30T08:12:34.250+05:30 | 2014-12-30T02:42:34.250Z",
                "2014-12-30T08:12:34+0000 | 2014-12-30T08:12:34Z",
                "2014-12-30 08:12:34 | 2014-12-30T08:12:34Z",
                "2014-12-30 | 2014-12-30T00:00:00Z",
                "1419927154 | 2014-12-30T08:12:34Z"
            })
    void readsTheFormsRealFeedsAndPagesUse(String text, String expected) {
        assertThat(PublicationDate.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "yesterday", "32 Foo 2014", "Tue, 30 Dec 2014 08:12:34 Nowhere/Zone", "0"})
    void returnsNothingForWhatIsNotADate(String text) {
        assertThat(PublicationDate.parse(text)).isEmpty();
    }
}
