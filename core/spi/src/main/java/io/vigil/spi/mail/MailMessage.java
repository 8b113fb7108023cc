package io.vigil.spi.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One e-mail to send: recipients, subject, a plain-text part, an optional HTML part and a stable Message-ID.
 *
 * <p>The sender address is the host's ({@code quarkus.mailer.from}), not the message's. Header values are checked for
 * line breaks here because subjects are often built from article titles, which come from the web: a CR or LF in a
 * header would let a crafted title add headers of its own.
 *
 * @param to the recipients; at least one
 * @param subject the subject line, one line
 * @param text the plain-text part; always present, because some readers show nothing else
 * @param html the HTML part, or {@code null} for a plain-text message; the two are sent as
 *     {@code multipart/alternative}
 * @param messageId the {@code Message-ID} with its angle brackets, such as {@code <n-42@vigil>}, the same on every
 *     attempt so that a reader can drop a repeat; or {@code null} to let the host make one up
 * @param headers further headers, one value each, in order (such as {@code Auto-Submitted}); never {@code From},
 *     {@code To}, {@code Subject} or {@code Message-ID}, which have their own components
 */
public record MailMessage(
        List<String> to, String subject, String text, String html, String messageId, Map<String, String> headers) {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>@\\s]+@[^<>@\\s]+>");
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");
    private static final List<String> OWN_COMPONENTS = List.of("from", "to", "subject", "message-id");

    public MailMessage {
        to = List.copyOf(Objects.requireNonNull(to, "to is null"));
        Objects.requireNonNull(subject, "subject is null");
        Objects.requireNonNull(text, "text is null");
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a mail needs at least one recipient");
        }
        for (String address : to) {
            requireOneLine("recipient", address);
            if (address.isBlank()) {
                throw new IllegalArgumentException("a recipient is blank");
            }
        }
        requireOneLine("subject", subject);
        if (messageId != null && !MESSAGE_ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("Message-ID must look like <left@right>, not '" + messageId + "'");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name == null || !HEADER_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("'" + name + "' is not a header name");
                }
                if (OWN_COMPONENTS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException(name + " is set through its own component, not as a header");
                }
                requireOneLine("header " + name, Objects.requireNonNull(value, "value of " + name + " is null"));
                copy.put(name, value);
            });
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /** A plain-text message without extra headers, with a host-made Message-ID. */
    public static MailMessage plain(List<String> to, String subject, String text) {
        return new MailMessage(to, subject, text, null, null, Map.of());
    }

    private static void requireOneLine(String what, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " must be one line");
        }
    }
}
