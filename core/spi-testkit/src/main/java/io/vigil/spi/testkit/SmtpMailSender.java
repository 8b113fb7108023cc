package io.vigil.spi.testkit;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.mail.MailMessage;
import io.vigil.spi.mail.MailSender;
import io.vigil.spi.mail.SmtpReply;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * A {@link MailSender} that speaks plain SMTP with Jakarta Mail (Angus), for tests against a real server such as
 * GreenMail and for trying a mail plugin outside Vigil.
 *
 * <p>It opens one connection per message, without TLS or authentication; Vigil itself sends through Quarkus Mailer.
 * It keeps the message's own Message-ID (Jakarta Mail would otherwise make up a new one on every attempt) and reports
 * failures as {@link MailSender} prescribes: no connection, a timeout or a 4xx reply is temporary, a 5xx reply
 * permanent. Thread-safe: it holds only its settings.
 */
public final class SmtpMailSender implements MailSender {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final String from;
    private final Duration timeout;

    /**
     * A sender to an SMTP server.
     *
     * @param host the server, such as {@code localhost}
     * @param port its SMTP port, such as GreenMail's 3025
     * @param from the sender address of every message
     */
    public SmtpMailSender(String host, int port, String from) {
        this(host, port, from, DEFAULT_TIMEOUT);
    }

    private SmtpMailSender(String host, int port, String from, Duration timeout) {
        this.host = Objects.requireNonNull(host, "host is null");
        this.port = port;
        this.from = Objects.requireNonNull(from, "from is null");
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
    }

    /** The same sender with another limit for connecting and for each read and write. */
    public SmtpMailSender withTimeout(Duration limit) {
        return new SmtpMailSender(host, port, from, limit);
    }

    @Override
    public SmtpReply send(MailMessage message) throws TemporaryFailureException, PermanentFailureException {
        Session session = Session.getInstance(sessionProperties());
        MimeMessage mime;
        try {
            mime = compose(session, message);
        } catch (AddressException e) {
            throw new PermanentFailureException("not a usable e-mail address: " + e.getMessage(), e);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new PermanentFailureException("cannot compose the message: " + e.getMessage(), e);
        }
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(mime, mime.getAllRecipients());
            // Read the reply before close() sends QUIT and overwrites it.
            SMTPTransport smtp = (SMTPTransport) transport;
            return reply(smtp.getLastReturnCode(), smtp.getLastServerResponse());
        } catch (AuthenticationFailedException e) {
            throw new PermanentFailureException("the mail server refused the login: " + e.getMessage(), e);
        } catch (MessagingException e) {
            SmtpReply refusal = worstReply(e);
            if (refusal != null) {
                refusal.requireAccepted();
            }
            throw new TemporaryFailureException("cannot send through " + host + ":" + port + ": " + describe(e), e);
        }
    }

    private Properties sessionProperties() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        String millis = Long.toString(timeout.toMillis());
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        return properties;
    }

    private MimeMessage compose(Session session, MailMessage message)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage mime = new StableIdMimeMessage(session, message.messageId());
        mime.setFrom(new InternetAddress(from));
        mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", message.to()), true));
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(new Date());
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            mime.setHeader(
                    header.getKey(),
                    MimeUtility.fold(
                            header.getKey().length() + 2,
                            MimeUtility.encodeText(header.getValue(), StandardCharsets.UTF_8.name(), null)));
        }
        if (message.html() == null) {
            mime.setText(message.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative", text, html);
            mime.setContent(alternative);
        }
        mime.saveChanges();
        return mime;
    }

    /**
     * The most severe SMTP refusal in the exception and its chain: a refused recipient travels as a "next exception"
     * of a general {@code SendFailedException}, so the top-level exception alone often carries no code.
     */
    private static SmtpReply worstReply(MessagingException failure) {
        List<SmtpReply> replies = new ArrayList<>();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 20; depth++) {
            if (current instanceof SMTPSendFailedException sendFailed) {
                replies.add(reply(sendFailed.getReturnCode(), sendFailed.getMessage()));
            } else if (current instanceof SMTPAddressFailedException addressFailed) {
                replies.add(reply(addressFailed.getReturnCode(), addressFailed.getMessage()));
            }
            Throwable next = current instanceof MessagingException messaging ? messaging.getNextException() : null;
            current = next != null ? next : current.getCause();
        }
        return replies.stream()
                .filter(reply -> reply.isTransientNegative() || reply.isPermanentNegative())
                .max((left, right) -> Integer.compare(left.code() / 100, right.code() / 100))
                .orElse(null);
    }

    /** Builds a reply from Jakarta Mail's pair of code and full response line ({@code "250 2.0.0 Ok"}). */
    private static SmtpReply reply(int code, String response) {
        String text = response == null ? "" : response.strip();
        String prefix = Integer.toString(code);
        if (text.startsWith(prefix)) {
            text = text.substring(prefix.length()).replaceFirst("^[ -]", "");
        }
        return code >= 200 && code <= 599 ? new SmtpReply(code, text) : new SmtpReply(0, text);
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + " (" + root + ")";
    }

    /** A message whose Message-ID survives {@code saveChanges()}, which would otherwise replace it with a random one. */
    private static final class StableIdMimeMessage extends MimeMessage {
        private final String messageId;

        StableIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (messageId == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", messageId);
            }
        }
    }
}
