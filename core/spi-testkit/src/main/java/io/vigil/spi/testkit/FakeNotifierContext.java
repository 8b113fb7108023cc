package io.vigil.spi.testkit;

import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.mail.MailSender;
import io.vigil.spi.notify.NotifierContext;
import java.time.Clock;
import java.util.Objects;

/**
 * A {@link NotifierContext} for tests: a clock and base URL you choose, and the HTTP client and mail sender you hand
 * it — {@link PlainOutboundHttp} and {@link SmtpMailSender} talk to real in-process servers. Without one,
 * {@link #http()} or {@link #mail()} fails as a host without that service would. Immutable; the {@code with…} methods
 * return copies.
 */
public final class FakeNotifierContext implements NotifierContext {

    private final String channelName;
    private final Clock clock;
    private final String baseUrl;
    private final OutboundHttp http;
    private final MailSender mail;

    private FakeNotifierContext(String channelName, Clock clock, String baseUrl, OutboundHttp http, MailSender mail) {
        this.channelName = Objects.requireNonNull(channelName, "channelName is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl is null");
        this.http = http;
        this.mail = mail;
    }

    /** A context named {@code test-channel} on the system clock, with base URL {@code http://localhost:8080}. */
    public static FakeNotifierContext create() {
        return new FakeNotifierContext("test-channel", Clock.systemUTC(), "http://localhost:8080", null, null);
    }

    public FakeNotifierContext withChannelName(String name) {
        return new FakeNotifierContext(name, clock, baseUrl, http, mail);
    }

    public FakeNotifierContext withClock(Clock newClock) {
        return new FakeNotifierContext(channelName, newClock, baseUrl, http, mail);
    }

    public FakeNotifierContext withBaseUrl(String url) {
        return new FakeNotifierContext(channelName, clock, url, http, mail);
    }

    public FakeNotifierContext withHttp(OutboundHttp client) {
        return new FakeNotifierContext(channelName, clock, baseUrl, client, mail);
    }

    public FakeNotifierContext withMail(MailSender sender) {
        return new FakeNotifierContext(channelName, clock, baseUrl, http, sender);
    }

    @Override
    public String channelName() {
        return channelName;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public OutboundHttp http() {
        if (http == null) {
            throw new UnsupportedOperationException("this FakeNotifierContext was made without an HTTP client");
        }
        return http;
    }

    @Override
    public MailSender mail() {
        if (mail == null) {
            throw new UnsupportedOperationException("this FakeNotifierContext was made without a mail sender");
        }
        return mail;
    }
}
