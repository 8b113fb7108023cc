package io.vigil.spi.mail;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;

/**
 * The host's outbound mail: sends one message through the SMTP server the operator configured.
 *
 * <p>Thread-safe; shared by all notifiers. A call blocks until the server accepted or refused the message, within the
 * host's connect and read timeouts.
 *
 * <p>Failures are reported so that the outbox can act on them without knowing SMTP, along the line
 * {@link SmtpReply#requireAccepted()} draws: no connection, a timeout or a 4xx reply is temporary; a 5xx reply (an
 * unknown recipient, a message refused by policy) and a configuration the host cannot use (bad credentials) are
 * permanent. When some recipients are refused, the whole message counts as refused, so a channel with one bad address
 * is shown as broken instead of half-working in silence.
 */
public interface MailSender {

    /**
     * Sends one message, keeping its {@link MailMessage#messageId()} when it has one.
     *
     * @return the server's reply to the message, or {@link SmtpReply#unknown()} when the transport does not tell
     * @throws TemporaryFailureException the server could not be reached, timed out or answered 4xx: try again later
     * @throws PermanentFailureException the server answered 5xx, or the host's mail configuration cannot work
     */
    SmtpReply send(MailMessage message) throws TemporaryFailureException, PermanentFailureException;
}
