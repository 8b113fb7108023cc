package io.vigil.alerts.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.ext.mail.SMTPException;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.mail.MailMessage;
import io.vigil.spi.mail.MailSender;
import io.vigil.spi.mail.SmtpReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The host's {@link MailSender} on Quarkus Mailer: the SMTP server, credentials and sender address are the operator's
 * {@code quarkus.mailer.*} keys.
 *
 * <p>The message's Message-ID travels as an explicit header, which Vert.x's encoder keeps instead of making up its own,
 * so every attempt at one notification carries the same id. Quarkus Mailer reports success without the server's words,
 * so a delivered message answers {@link SmtpReply#unknown()}; a refusal arrives as a Vert.x {@link SMTPException}
 * whose reply code decides, through {@link SmtpReply#requireAccepted()}, whether it is temporary (4xx) or permanent
 * (5xx). No connection and timeouts are temporary. Thread-safe; blocks the calling thread until the server answered or
 * {@code vigil.mail.timeout} passed (twice at most, see below).
 *
 * <p>The mailer keeps idle SMTP connections for {@code quarkus.mailer.keep-alive-timeout} (300 s), while servers close
 * an idle one after their own timeout (Postfix 300 s, GreenMail 30 s, others less) with {@code 421 ... closing
 * transmission channel}. A send that takes a pooled connection just as its server closes it gets that 421 without the
 * message having been accepted, and a user would see a failed attempt (and wait a backoff) for nothing. So a 421 is
 * answered by sending once more at once (the pool has dropped the closed connection); a second refusal is the verdict.
 */
@ApplicationScoped
public class QuarkusMailSender implements MailSender {

    /** The reply of a server that is closing the connection: {@code 421 Service not available}. */
    static final int CLOSING_CHANNEL = 421;

    @Inject
    ReactiveMailer mailer;

    @ConfigProperty(name = "vigil.mail.timeout", defaultValue = "PT30S")
    Duration timeout;

    @Override
    public SmtpReply send(MailMessage message) throws TemporaryFailureException, PermanentFailureException {
        Mail mail = new Mail().setTo(message.to()).setSubject(message.subject()).setText(message.text());
        if (message.html() != null) {
            mail.setHtml(message.html());
        }
        if (message.messageId() != null) {
            mail.addHeader("Message-ID", message.messageId());
        }
        message.headers().forEach(mail::addHeader);
        try {
            try {
                mailer.send(mail).await().atMost(timeout);
            } catch (RuntimeException e) {
                SMTPException refusal = refusal(e);
                if (refusal == null || refusal.getReplyCode() != CLOSING_CHANNEL) {
                    throw e;
                }
                // RFC 5321 §3.8: the server closed the channel before accepting; the message was not taken.
                mailer.send(mail).await().atMost(timeout);
            }
            return SmtpReply.unknown();
        } catch (TimeoutException e) {
            throw new TemporaryFailureException("the mail server did not answer within " + timeout, e);
        } catch (RuntimeException e) {
            SMTPException refusal = refusal(e);
            if (refusal != null && refusal.getReplyCode() >= 400 && refusal.getReplyCode() <= 599) {
                new SmtpReply(refusal.getReplyCode(), replyText(refusal)).requireAccepted();
            }
            if (refusal != null && refusal.isPermanent()) {
                throw new PermanentFailureException("the mail server refused the message: " + describe(e), e);
            }
            throw new TemporaryFailureException("cannot send mail: " + describe(e), e);
        }
    }

    /** The SMTP refusal behind a failure: Mutiny wraps it, since Vert.x's exception is not an {@link Exception}. */
    private static SMTPException refusal(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof SMTPException smtp) {
                return smtp;
            }
            current = current.getCause();
        }
        return null;
    }

    private static String replyText(SMTPException refusal) {
        String text = refusal.getReplyMessage() == null
                ? ""
                : refusal.getReplyMessage().strip();
        String code = Integer.toString(refusal.getReplyCode());
        // Vert.x gives the whole reply line, code included; SmtpReply prints the code itself.
        return text.startsWith(code) ? text.substring(code.length()).strip() : text;
    }

    private static String describe(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current.getMessage() == null ? current.getClass().getSimpleName() : current.getMessage();
    }
}
