package io.vigil.spi.testkit;

import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.http.ResponseTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * An {@link OutboundHttp} on the JDK's {@link HttpClient} — <strong>for tests only</strong>: it has no address guard,
 * so it happily calls loopback and private addresses, which is what a test with an in-process server needs and what
 * Vigil's own client refuses unless the operator allows it.
 *
 * <p>Otherwise it keeps the contract: it follows ordinary redirects, honours the call's timeout (10 seconds when it
 * names none) and byte limit (1 MiB when it names none), undoes gzip, and sets a User-Agent. Thread-safe.
 */
public final class PlainOutboundHttp implements OutboundHttp {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    private static final String USER_AGENT = "Vigil-testkit";
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;

    public PlainOutboundHttp() {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(DEFAULT_TIMEOUT)
                .build();
    }

    @Override
    public HttpReply send(HttpCall call) throws IOException {
        HttpRequest.BodyPublisher body = call.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
                .method(call.method(), body)
                .timeout(call.timeout() == null ? DEFAULT_TIMEOUT : call.timeout());
        boolean userAgentGiven = false;
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (RESTRICTED.contains(name)) {
                continue;
            }
            userAgentGiven |= name.equals("user-agent");
            request.header(header.getKey(), header.getValue());
        }
        if (!userAgentGiven) {
            request.header("User-Agent", USER_AGENT);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling " + call.uri());
        }
        long limit = call.maxBytes() > 0 ? call.maxBytes() : DEFAULT_MAX_BYTES;
        boolean gzip = response.headers()
                .firstValue("Content-Encoding")
                .map(encoding -> encoding.equalsIgnoreCase("gzip"))
                .orElse(false);
        try (InputStream raw = response.body();
                InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            byte[] bytes = readAtMost(in, limit, call);
            return new HttpReply(response.statusCode(), response.headers().map(), bytes, response.uri());
        }
    }

    private static byte[] readAtMost(InputStream in, long limit, HttpCall call) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                throw new ResponseTooLargeException(
                        "the answer of " + call.uri() + " is larger than " + limit + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
