package io.vigil.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdTest {

    @Test
    void wrapsAPlainNotificationIdAsItIs() {
        assertThat(EmailComposer.messageId("0f4c7a2e-9b1d_4c55.a0f1")).isEqualTo("<0f4c7a2e-9b1d_4c55.a0f1@vigil>");
    }

    @Test
    void writesCharactersAMessageIdMayNotHoldAsHex() {
        assertThat(EmailComposer.messageId("n 1@x>")).isEqualTo("<n=201=40x=3E@vigil>");
    }
}
