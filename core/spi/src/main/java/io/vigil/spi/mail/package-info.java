/**
 * Outbound mail as a host service: a notifier composes a {@link io.vigil.spi.mail.MailMessage} and hands it to the
 * {@link io.vigil.spi.mail.MailSender} from {@link io.vigil.spi.notify.NotifierContext#mail()}.
 *
 * <p>The host owns the SMTP connection, credentials and sender address (Vigil configures them with the standard
 * {@code quarkus.mailer.*} keys), so a mail channel's configuration holds only what is about the channel: its
 * recipients and how its messages read. The sender reports the server's verdict the way every plugin does: it returns
 * the {@link io.vigil.spi.mail.SmtpReply} on success, throws {@link io.vigil.spi.TemporaryFailureException} for what
 * may pass (no connection, a timeout, an SMTP 4xx) and {@link io.vigil.spi.PermanentFailureException} for what will
 * not (an SMTP 5xx such as an unknown recipient). {@link io.vigil.spi.mail.SmtpReply#requireAccepted()} draws that line
 * in one place, so every host draws it the same way.
 */
package io.vigil.spi.mail;
