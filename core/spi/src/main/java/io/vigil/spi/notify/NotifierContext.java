package io.vigil.spi.notify;

import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.mail.MailSender;
import java.time.Clock;

/** Host services available to a notifier. Grows only by {@code default} methods, so older plugins keep working. */
public interface NotifierContext {

    /** The user's name for this channel, for log messages. */
    String channelName();

    /** The platform clock; use it instead of {@code Instant.now()} so tests can control time. */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /** The public base URL of this Vigil, for links back to alerts, such as {@code http://localhost:8080}. */
    default String baseUrl() {
        return "http://localhost:8080";
    }

    /** The platform's HTTP client; every request a notifier makes goes through it. */
    default OutboundHttp http() {
        throw new UnsupportedOperationException("this host offers no HTTP client to notifiers");
    }

    /** The platform's outbound mail, configured by the operator; every message a notifier sends goes through it. */
    default MailSender mail() {
        throw new UnsupportedOperationException("this host offers no mail sender to notifiers");
    }
}
