package io.vigil.engine.net;

import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.http.RefusedRedirectException;
import io.vigil.spi.http.ResponseTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The one HTTP client through which Vigil reaches the outside world: feeds, article pages, webhooks.
 *
 * <p>Every call follows {@link HttpPolicy}:
 *
 * <ul>
 *   <li>The host of the request and of every redirect is resolved and checked before connecting; loopback, private,
 *       link-local and other non-public addresses are refused unless {@link HttpPolicy#allowPrivate()} (see
 *       {@link AddressGuard} for the list).
 *   <li>Redirects are followed here, not by the JDK, so each hop is checked: at most
 *       {@link HttpPolicy#maxRedirects()}, only to {@code http} or {@code https}, never from {@code https} down to
 *       {@code http} (a downgrade would let anyone on the path rewrite what we fetch), and credentials
 *       ({@code Authorization}, {@code Cookie}) are dropped when a redirect leaves the origin. A 303, and a 301 or
 *       302 answering anything but {@code GET}/{@code HEAD}, continue as {@code GET} without a body, as browsers do.
 *   <li>The body is read while it streams and the exchange is cancelled once it passes the size limit; gzip (and
 *       deflate) answers are asked for and decoded, and the decoded size is capped too, so a small gzip bomb cannot
 *       fill the heap.
 *   <li>The whole call — connecting, redirects, reading the body — ends at one deadline.
 * </ul>
 *
 * <p><b>DNS rebinding.</b> The check resolves the name, then the JDK client resolves it again to connect; a name
 * server that answers a public address to the first lookup and a private one to the second would slip through. The
 * JDK's own cache ({@code networkaddress.cache.ttl}, 30 s by default) makes both lookups return the same answer
 * unless the entry expires between them, which narrows the window to a few milliseconds; the JDK client offers no
 * per-client resolver to pin the checked address completely. Operators who need that should also keep Vigil off
 * networks it must not reach (a firewall rule or an egress proxy).
 *
 * <p>Thread-safe; one instance is shared by all plugins. {@link #close()} it when the platform stops.
 */
public final class GuardedHttpClient implements OutboundHttp, AutoCloseable {

    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");
    /** Headers the JDK client sets itself and refuses from callers; a plugin that names one gets them left out. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpPolicy policy;
    private final AddressGuard guard;
    private final HttpClient client;

    public GuardedHttpClient(HttpPolicy policy) {
        this(policy, Set.of());
    }

    /**
     * @param trusted addresses reachable even when private ones are not — used by tests to talk to a server on
     *     loopback while everything else stays refused
     */
    GuardedHttpClient(HttpPolicy policy, Set<InetAddress> trusted) {
        this.policy = Objects.requireNonNull(policy, "policy is null");
        this.guard = new AddressGuard(policy.allowPrivate(), trusted);
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(policy.connectTimeout())
                .build();
    }

    public HttpPolicy policy() {
        return policy;
    }

    @Override
    public HttpReply send(HttpCall call) throws IOException {
        Duration budget = call.timeout() != null ? call.timeout() : policy.requestTimeout();
        long deadline = System.nanoTime() + budget.toNanos();
        long maxBytes = call.maxBytes() > 0 ? call.maxBytes() : policy.maxResponseBytes();

        String method = call.method().toUpperCase(Locale.ROOT);
        URI uri = call.uri();
        Map<String, String> headers = call.headers();
        byte[] body = call.body();
        for (int redirects = 0; ; redirects++) {
            checkScheme(uri);
            guard.check(uri);
            HttpResponse<byte[]> response = exchange(method, uri, headers, body, deadline, budget, maxBytes);
            int status = response.statusCode();
            var location = response.headers().firstValue("Location");
            if (isRedirect(status) && location.isPresent()) {
                if (redirects >= policy.maxRedirects()) {
                    throw new RefusedRedirectException(call.uri() + " redirects more than " + policy.maxRedirects()
                            + " times (last to " + location.get() + ")");
                }
                URI next = redirectTarget(uri, location.get());
                if (status == 303 || ((status == 301 || status == 302) && !isSafe(method))) {
                    method = "GET";
                    body = null;
                }
                if (!sameOrigin(uri, next)) {
                    headers = withoutCredentials(headers);
                }
                uri = next;
                continue;
            }
            return reply(response, uri, maxBytes);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * Where a redirect leads, resolved against the URI that answered it.
     *
     * @throws RefusedRedirectException when the target is unreadable, not {@code http(s)}, or downgrades to
     *     {@code http}
     */
    static URI redirectTarget(URI from, String location) throws RefusedRedirectException {
        URI target;
        try {
            // Servers put raw spaces in Location more often than one would hope; browsers encode them.
            target = from.resolve(new URI(location.strip().replace(" ", "%20")));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new RefusedRedirectException(from + " redirects to an unreadable location '" + location + "'");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedRedirectException(from + " redirects to " + target + ", which is not http or https");
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
            throw new RefusedRedirectException(
                    from + " redirects to " + target + "; Vigil does not follow redirects from https to plain http");
        }
        return target;
    }

    private HttpResponse<byte[]> exchange(
            String method,
            URI uri,
            Map<String, String> headers,
            byte[] body,
            long deadline,
            Duration budget,
            long maxBytes)
            throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new HttpTimeoutException(uri + " did not answer within " + budget);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(remaining))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        if (!hasHeader(headers, "User-Agent")) {
            request.header("User-Agent", policy.userAgent());
        }
        if (!hasHeader(headers, "Accept-Encoding")) {
            request.header("Accept-Encoding", "gzip");
        }
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request.build(), info -> new CappedBody(uri, maxBytes, announcedLength(method, info)));
        try {
            // The request timeout only covers waiting for the headers; this bounds the body too.
            return pending.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException(uri + " did not answer within " + budget);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + uri);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("fetching " + uri + " failed: " + cause, cause);
        }
    }

    /** The body length the server announced, or -1 when it announced none that describes the bytes to come. */
    private static long announcedLength(String method, HttpResponse.ResponseInfo info) {
        boolean bodiless = method.equals("HEAD") || info.statusCode() == 304 || info.statusCode() == 204;
        if (bodiless || isEncoded(info.headers().firstValue("Content-Encoding").orElse(""))) {
            return -1;
        }
        return info.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    private static HttpReply reply(HttpResponse<byte[]> response, URI uri, long maxBytes) throws IOException {
        Map<String, List<String>> headers =
                new LinkedHashMap<>(response.headers().map());
        String encoding = response.headers()
                .firstValue("Content-Encoding")
                .orElse("")
                .strip()
                .toLowerCase(Locale.ROOT);
        byte[] body = response.body();
        if (isEncoded(encoding) && body.length > 0) {
            body = decode(encoding, body, uri, maxBytes);
            // The reply carries the decoded body, so these would now mislead.
            headers.keySet()
                    .removeIf(name ->
                            name.equalsIgnoreCase("Content-Encoding") || name.equalsIgnoreCase("Content-Length"));
        }
        return new HttpReply(response.statusCode(), headers, body, uri);
    }

    private static byte[] decode(String encoding, byte[] body, URI uri, long maxBytes) throws IOException {
        boolean gzipMagic = body.length > 1 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b;
        if (encoding.contains("gzip") && !gzipMagic) {
            // Some servers label plain bodies as gzip; the bytes tell the truth.
            return body;
        }
        try (InputStream in = encoding.contains("gzip")
                ? new GZIPInputStream(new ByteArrayInputStream(body))
                : new InflaterInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int read; (read = in.read(chunk)) != -1; ) {
                if (out.size() + (long) read > maxBytes) {
                    throw new ResponseTooLargeException("the answer from " + uri + " unpacks to more than " + maxBytes
                            + " bytes; Vigil reads at most " + maxBytes);
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        } catch (ResponseTooLargeException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("the " + encoding + " body from " + uri + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static boolean isEncoded(String contentEncoding) {
        String encoding = contentEncoding.toLowerCase(Locale.ROOT);
        return encoding.contains("gzip") || encoding.contains("deflate");
    }

    private static void checkScheme(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IOException("'" + uri + "' is not an absolute http or https URL");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean hasHeader(Map<String, String> headers, String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    private static Map<String, String> withoutCredentials(Map<String, String> headers) {
        Map<String, String> kept = new HashMap<>(headers);
        kept.keySet().removeIf(name -> CREDENTIALS.contains(name.toLowerCase(Locale.ROOT)));
        return kept;
    }
}
