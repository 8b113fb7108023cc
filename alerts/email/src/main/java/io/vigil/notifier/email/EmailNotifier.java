package io.vigil.notifier.email;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.mail.MailSender;
import io.vigil.spi.mail.SmtpReply;
import io.vigil.spi.notify.DeliveryReceipt;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import java.util.List;

/**
 * Delivers notifications of one channel as e-mail to its recipients.
 *
 * <p>Every attempt at the same notification sends the same Message-ID, so a reader (or a mail filter) can drop the
 * repeat that a crash between sending and recording causes. The host's {@link MailSender} decides what is temporary and
 * what is permanent; this class adds nothing to that verdict. Thread-safe: it holds only immutable settings.
 */
final class EmailNotifier implements Notifier {

    private static final int RESPONSE_EXCERPT = 200;

    private final List<String> recipients;
    private final String subjectPrefix;
    private final EmailComposer composer;
    private final MailSender mail;
    private final NotifierContext context;

    EmailNotifier(
            List<String> recipients,
            String subjectPrefix,
            EmailComposer composer,
            MailSender mail,
            NotifierContext context) {
        this.recipients = List.copyOf(recipients);
        this.subjectPrefix = subjectPrefix;
        this.composer = composer;
        this.mail = mail;
        this.context = context;
    }

    @Override
    public DeliveryReceipt deliver(Notification notification)
            throws TemporaryFailureException, PermanentFailureException {
        SmtpReply reply = mail.send(
                composer.compose(notification, recipients, subjectPrefix, context.channelName(), context.baseUrl()));
        String response = reply.toString();
        if (response.length() > RESPONSE_EXCERPT) {
            response = response.substring(0, RESPONSE_EXCERPT) + "…";
        }
        return new DeliveryReceipt(reply.code(), response);
    }
}
