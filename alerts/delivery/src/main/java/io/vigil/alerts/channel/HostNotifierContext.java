package io.vigil.alerts.channel;

import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.mail.MailSender;
import io.vigil.spi.notify.NotifierContext;
import java.time.Clock;

/** The platform's side of {@link NotifierContext} for one channel. */
record HostNotifierContext(String channelName, Clock clock, String baseUrl, OutboundHttp http, MailSender mail)
        implements NotifierContext {}
