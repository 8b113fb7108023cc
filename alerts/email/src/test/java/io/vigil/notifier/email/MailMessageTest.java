package io.vigil.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.spi.mail.MailMessage;
import io.vigil.spi.mail.SmtpReply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPI's mail values, as the email notifier relies on them. */
class MailMessageTest {

    private static final List<String> TO = List.of("analyst@example.org");

    @Test
    void refusesALineBreakInTheSubjectOrAHeader() {
        assertThatThrownBy(() -> MailMessage.plain(TO, "Title\r\nBcc: x@example.org", "text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subject must be one line");
        assertThatThrownBy(() -> new MailMessage(TO, "s", "t", null, null, Map.of("X-Rule", "a\nBcc: x@example.org")))
                .hasMessage("header X-Rule must be one line");
    }

    @Test
    void refusesToSetAddressesOrTheMessageIdAsPlainHeaders() {
        assertThatThrownBy(() -> new MailMessage(TO, "s", "t", null, null, Map.of("message-id", "<a@b>")))
                .hasMessage("message-id is set through its own component, not as a header");
    }

    @Test
    void refusesAMessageIdWithoutAngleBracketsAndAnAt() {
        assertThatThrownBy(() -> new MailMessage(TO, "s", "t", null, "n-1", Map.of()))
                .hasMessage("Message-ID must look like <left@right>, not 'n-1'");
    }

    @Test
    void keepsTheHeadersInTheirOrder() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Auto-Submitted", "auto-generated");
        headers.put("X-Vigil-Kind", "alert");
        headers.put("References", "<story-1.rule-2@vigil>");

        assertThat(new MailMessage(TO, "s", "t", null, "<n-1@vigil>", headers)
                        .headers()
                        .keySet())
                .containsExactly("Auto-Submitted", "X-Vigil-Kind", "References");
    }

    @Test
    void tellsTransientRepliesFromPermanentOnes() throws Exception {
        assertThat(new SmtpReply(250, "2.0.0 Ok").requireAccepted()).hasToString("250 2.0.0 Ok");
        assertThat(SmtpReply.unknown().requireAccepted()).hasToString("accepted");
        assertThat(new SmtpReply(452, "4.2.2 Mailbox full").isTransientNegative())
                .isTrue();
        assertThat(new SmtpReply(550, "5.1.1 No such user").isPermanentNegative())
                .isTrue();
    }
}
