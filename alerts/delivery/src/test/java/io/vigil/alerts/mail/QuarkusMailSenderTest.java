package io.vigil.alerts.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.mail.MailMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarkusMailSenderTest {

    private static final MailMessage MESSAGE = new MailMessage(
            List.of("analysts@example.org"),
            "Floods close the coast road",
            "Floods closed the coast road on Monday.",
            null,
            "<5f1c@vigil>",
            Map.of("X-Vigil-Notification", "5f1c"));

    @Test
    void aServerClosingThePooledConnectionGetsTheMessageOnceMoreAtOnce() throws Exception {
        ScriptedMailer mailer = new ScriptedMailer(closing(), null);

        sender(mailer).send(MESSAGE);

        assertThat(mailer.sent).hasSize(2);
        assertThat(mailer.sent).allSatisfy(mail -> assertThat(mail.getHeaders().get("Message-ID"))
                .containsExactly("<5f1c@vigil>"));
    }

    @Test
    void aServerThatClosesTwiceInARowDefersTheMessage() {
        ScriptedMailer mailer = new ScriptedMailer(closing(), closing());

        assertThatThrownBy(() -> sender(mailer).send(MESSAGE))
                .isInstanceOf(TemporaryFailureException.class)
                .hasMessageContaining("421");
        assertThat(mailer.sent).hasSize(2);
    }

    @Test
    void otherDeferralsAndRefusalsAreNotSentAgain() {
        ScriptedMailer deferring = new ScriptedMailer(refusal(450, "450 4.2.1 mailbox busy"), null);
        ScriptedMailer refusing = new ScriptedMailer(refusal(550, "550 5.1.1 no such user"), null);

        assertThatThrownBy(() -> sender(deferring).send(MESSAGE)).isInstanceOf(TemporaryFailureException.class);
        assertThatThrownBy(() -> sender(refusing).send(MESSAGE)).isInstanceOf(PermanentFailureException.class);
        assertThat(deferring.sent).hasSize(1);
        assertThat(refusing.sent).hasSize(1);
    }

    private static QuarkusMailSender sender(ReactiveMailer mailer) {
        QuarkusMailSender sender = new QuarkusMailSender();
        sender.mailer = mailer;
        sender.timeout = Duration.ofSeconds(5);
        return sender;
    }

    /** What GreenMail and Postfix answer when a connection has been idle past their timeout. */
    private static SMTPException closing() {
        return refusal(421, "421 Service shutting down and closing transmission channel");
    }

    private static SMTPException refusal(int code, String line) {
        return new SMTPException("SMTP error", code, List.of(line), code >= 500);
    }

    /** Answers each send with the next scripted failure, or accepts it for a {@code null}; keeps what it was given. */
    private static final class ScriptedMailer implements ReactiveMailer {
        final List<Mail> sent = new ArrayList<>();
        private final Deque<Object> script = new ArrayDeque<>();

        ScriptedMailer(SMTPException... answers) {
            for (SMTPException answer : answers) {
                script.add(answer == null ? "accepted" : answer);
            }
        }

        @Override
        public Uni<Void> send(Mail... mails) {
            sent.addAll(List.of(mails));
            Object answer = script.isEmpty() ? "accepted" : script.poll();
            return answer instanceof SMTPException refusal
                    ? Uni.createFrom().failure(refusal)
                    : Uni.createFrom().voidItem();
        }
    }
}
