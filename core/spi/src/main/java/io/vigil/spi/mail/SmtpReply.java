package io.vigil.spi.mail;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import java.util.Objects;

/**
 * What a mail server answered: an SMTP reply code (RFC 5321 §4.2) and its text.
 *
 * <p>A host whose mail library hides the reply (Quarkus Mailer reports only success or an exception) returns
 * {@link #unknown()} on success; the delivery log then says that the message was handed over, not what the server said.
 *
 * @param code the three-digit reply code such as 250, or 0 when the transport does not say
 * @param text the reply text as the server sent it, such as {@code 2.0.0 Ok: queued as 4B1C}; may be empty
 */
public record SmtpReply(int code, String text) {

    public SmtpReply {
        Objects.requireNonNull(text, "text is null");
        if (code != 0 && (code < 200 || code > 599)) {
            throw new IllegalArgumentException("SMTP reply codes run from 200 to 599, not " + code);
        }
    }

    /** The success of a transport that does not report the server's words. */
    public static SmtpReply unknown() {
        return new SmtpReply(0, "");
    }

    /** A 4xx reply: the server refused for now (mailbox busy, greylisting, rate limit); worth trying again. */
    public boolean isTransientNegative() {
        return code >= 400 && code < 500;
    }

    /** A 5xx reply: the server refused for good (unknown recipient, policy); trying again will not help. */
    public boolean isPermanentNegative() {
        return code >= 500;
    }

    /**
     * Returns this reply when the server accepted, and otherwise throws the exception a plugin reports for it.
     *
     * @throws TemporaryFailureException for a 4xx reply
     * @throws PermanentFailureException for a 5xx reply
     */
    public SmtpReply requireAccepted() throws TemporaryFailureException, PermanentFailureException {
        if (isPermanentNegative()) {
            throw new PermanentFailureException("the mail server refused the message: " + this, code, null);
        }
        if (isTransientNegative()) {
            throw new TemporaryFailureException("the mail server deferred the message: " + this, code, null, null);
        }
        return this;
    }

    /** The reply as a server prints it, such as {@code 550 5.1.1 no such user}, or {@code accepted} when unknown. */
    @Override
    public String toString() {
        if (code == 0) {
            return text.isEmpty() ? "accepted" : text;
        }
        return text.isEmpty() ? Integer.toString(code) : code + " " + text;
    }
}
