package io.vigil.engine.net;

import io.vigil.engine.net.AddressGuard.HostLookup;
import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.http.RefusedAddressException;
import io.vigil.spi.http.RefusedRedirectException;
import io.vigil.spi.http.ResponseTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client through which Vigil reaches the outside world: feeds, article pages, webhooks.
 *
 * <p>Every call follows {@link HttpPolicy}:
 *
 * <ul>
 *   <li>The host of the request and of every redirect is looked up once and every address checked; loopback,
 *       private, link-local and other non-public addresses are refused unless {@link HttpPolicy#allowPrivate()} (see
 *       {@link AddressGuard} for the list). The connection is then made to exactly the addresses that were checked:
 *       the lookup <em>is</em> the connection's DNS resolver, so a name server cannot answer a public address to the
 *       check and a private one to the connect (DNS rebinding). TLS still verifies the host name: SNI and the
 *       certificate are for the name in the URL, not for the address.
 *   <li>Redirects are followed here, not by the library, so each hop is checked: at most
 *       {@link HttpPolicy#maxRedirects()}, only to {@code http} or {@code https}, never from {@code https} down to
 *       {@code http} (a downgrade would let anyone on the path rewrite what we fetch), and credentials
 *       ({@code Authorization}, {@code Cookie}) are dropped when a redirect leaves the origin. A 303, and a 301 or
 *       302 answering anything but {@code GET}/{@code HEAD}, continue as {@code GET} without a body, as browsers do.
 *   <li>The body is read as it streams and the exchange abandoned once it passes the size limit; gzip (and deflate)
 *       answers are asked for and decoded, and the decoded size is capped too, so a small gzip bomb cannot fill the
 *       heap. Header lines are capped at 64 KiB and 200 headers, so the header block is bounded too.
 *   <li>The whole call — connecting, redirects, reading the body — ends at one deadline; past it the exchange is
 *       aborted and the call fails with an {@link HttpTimeoutException} saying the server did not answer in time.
 * </ul>
 *
 * <p>Built on Apache HttpClient 5 (classic, blocking), because the JDK client resolves names itself and offers no way
 * to connect to an address checked beforehand. No proxy settings from the environment are used: a proxy would do its
 * own lookup.
 *
 * <p>Thread-safe; one instance is shared by all plugins. {@link #close()} it when the platform stops.
 */
public final class GuardedHttpClient implements OutboundHttp, AutoCloseable {

    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");
    /** Headers the client sets itself from the request; a plugin that names one gets them left out. */
    private static final Set<String> RESTRICTED =
            Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "te");

    /** Aborts exchanges that pass their deadline; one daemon thread for all calls. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vigil-http-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpPolicy policy;
    private final CloseableHttpClient client;

    public GuardedHttpClient(HttpPolicy policy) {
        this(policy, Set.of());
    }

    /**
     * @param trusted addresses reachable even when private ones are not — used by tests to talk to a server on
     *     loopback while everything else stays refused
     */
    GuardedHttpClient(HttpPolicy policy, Set<InetAddress> trusted) {
        this(policy, trusted, HostLookup.SYSTEM);
    }

    /** @param lookup how names become addresses; tests pass a name server they control */
    GuardedHttpClient(HttpPolicy policy, Set<InetAddress> trusted, HostLookup lookup) {
        this(policy, trusted, lookup, SSLContexts.createDefault());
    }

    /**
     * @param tls the certificates to trust: the JDK's in production; tests pass one that trusts their own server's,
     *     to show that the name in the URL is still what TLS verifies when the connection goes to a checked address
     */
    GuardedHttpClient(HttpPolicy policy, Set<InetAddress> trusted, HostLookup lookup, SSLContext tls) {
        this.policy = Objects.requireNonNull(policy, "policy is null");
        AddressGuard guard = new AddressGuard(policy.allowPrivate(), trusted);
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckingResolver(guard, Objects.requireNonNull(lookup, "lookup is null")))
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(Objects.requireNonNull(tls, "tls is null")))
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom()
                                .setMaxLineLength(64 * 1024)
                                .setMaxHeaderCount(200)
                                .build())
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(policy.connectTimeout()))
                        .build())
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(4)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
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
        if (uri.getRawUserInfo() != null) {
            // A feed URL with user:password@ means HTTP Basic, as in every feed reader; the credentials travel in the
            // header (dropped when a redirect leaves the origin) and never in the request line, logs or errors.
            headers = withBasicCredentials(headers, uri.getUserInfo());
            uri = withoutUserInfo(uri);
        }
        byte[] body = call.body();
        for (int redirects = 0; ; redirects++) {
            checkScheme(uri);
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw new RefusedAddressException("'" + uri + "' names no host");
            }
            Exchanged response = exchange(method, uri, headers, body, deadline, budget, maxBytes);
            int status = response.status();
            String location = response.first("Location");
            if (isRedirect(status) && location != null) {
                if (redirects >= policy.maxRedirects()) {
                    throw new RefusedRedirectException(call.uri() + " redirects more than " + policy.maxRedirects()
                            + " times (last to " + location + ")");
                }
                URI next = redirectTarget(uri, location);
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
        client.close(CloseMode.GRACEFUL);
    }

    /** A response read whole: status, headers as received, the body bytes as sent (still encoded). */
    private record Exchanged(int status, Map<String, List<String>> headers, byte[] body) {
        String first(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return header.getValue().getFirst();
                }
            }
            return null;
        }
    }

    /**
     * The connection's DNS resolver: looks the name up once, checks every address and hands the client exactly
     * those. A refusal travels through the client as an {@link UnknownHostException} (all a resolver may throw) and
     * is unwrapped in {@link #exchange}.
     */
    private record CheckingResolver(AddressGuard guard, HostLookup lookup) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            try {
                return guard.resolve(host, lookup);
            } catch (RefusedAddressException refused) {
                throw new RefusedLookup(refused);
            }
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    private static final class RefusedLookup extends UnknownHostException {
        private final RefusedAddressException refusal;

        RefusedLookup(RefusedAddressException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
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

    private Exchanged exchange(
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
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        Timeout left = Timeout.of(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)), TimeUnit.MILLISECONDS);
        request.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(left)
                .setResponseTimeout(left)
                .build());
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                request.addHeader(name, value);
            }
        });
        if (!hasHeader(headers, "User-Agent")) {
            request.setHeader("User-Agent", policy.userAgent());
        }
        if (!hasHeader(headers, "Accept-Encoding")) {
            request.setHeader("Accept-Encoding", "gzip");
        }
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, null));
        }
        AtomicBoolean expired = new AtomicBoolean();
        // The response timeout bounds each wait for bytes; this bounds the call as a whole, body included.
        ScheduledFuture<?> abort = DEADLINES.schedule(
                () -> {
                    expired.set(true);
                    request.cancel();
                },
                remaining,
                TimeUnit.NANOSECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            Map<String, List<String>> received = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                received.computeIfAbsent(header.getName(), name -> new ArrayList<>())
                        .add(header.getValue());
            }
            byte[] bytes = readBody(method, request, response, uri, maxBytes);
            if (expired.get()) {
                throw new HttpTimeoutException(uri + " did not answer within " + budget);
            }
            return new Exchanged(response.getCode(), received, bytes);
        } catch (RefusedLookup refused) {
            throw refused.refusal;
        } catch (ResponseTooLargeException e) {
            throw e;
        } catch (IOException e) {
            request.cancel();
            if (e.getCause() instanceof RefusedLookup refused) {
                throw refused.refusal;
            }
            boolean timedOut = e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException;
            if (expired.get() || timedOut || System.nanoTime() >= deadline) {
                HttpTimeoutException timeout = new HttpTimeoutException(uri + " did not answer within " + budget);
                timeout.initCause(e);
                throw timeout;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while fetching " + uri);
            }
            throw e;
        } finally {
            abort.cancel(false);
        }
    }

    /**
     * Reads the body up to {@code maxBytes}: refused at once when the server announces more, and abandoned as soon as
     * it streams past the limit, so a server cannot make Vigil read (or buffer) more than the limit.
     */
    private static byte[] readBody(
            String method, HttpUriRequestBase request, ClassicHttpResponse response, URI uri, long maxBytes)
            throws IOException {
        HttpEntity entity = response.getEntity();
        int status = response.getCode();
        if (entity == null || method.equals("HEAD") || status == 204 || status == 304) {
            return new byte[0];
        }
        Header encoding = response.getFirstHeader("Content-Encoding");
        long announced = entity.getContentLength();
        if (announced > maxBytes && (encoding == null || !isEncoded(encoding.getValue()))) {
            request.cancel();
            throw new ResponseTooLargeException("the answer from " + uri + " announces " + announced
                    + " bytes; Vigil reads at most " + maxBytes + " bytes");
        }
        InputStream in = entity.getContent();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        for (int read; (read = in.read(chunk)) != -1; ) {
            if (out.size() + (long) read > maxBytes) {
                // Abort before anything closes the stream: closing it would read the rest of the body first.
                request.cancel();
                throw new ResponseTooLargeException(
                        "the answer from " + uri + " is larger than that; Vigil reads at most " + maxBytes + " bytes");
            }
            out.write(chunk, 0, read);
        }
        in.close();
        return out.toByteArray();
    }

    private static HttpReply reply(Exchanged response, URI uri, long maxBytes) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        String encoding = response.first("Content-Encoding");
        encoding = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        byte[] body = response.body();
        if (isEncoded(encoding) && body.length > 0) {
            body = decode(encoding, body, uri, maxBytes);
            // The reply carries the decoded body, so these would now mislead.
            headers.keySet()
                    .removeIf(name ->
                            name.equalsIgnoreCase("Content-Encoding") || name.equalsIgnoreCase("Content-Length"));
        }
        return new HttpReply(response.status(), headers, body, uri);
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

    /** The headers with {@code Authorization: Basic} for {@code user:password}, unless they carry credentials. */
    static Map<String, String> withBasicCredentials(Map<String, String> headers, String userInfo) {
        boolean hasAuthorization = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Authorization"));
        if (hasAuthorization) {
            return headers;
        }
        Map<String, String> withCredentials = new HashMap<>(headers);
        withCredentials.put(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        return withCredentials;
    }

    /** The URI without its {@code user:password@}, every other part kept as written. */
    static URI withoutUserInfo(URI uri) {
        String authority = uri.getRawAuthority();
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        StringBuilder plain = new StringBuilder(uri.getScheme()).append("://").append(hostAndPort);
        if (uri.getRawPath() != null) {
            plain.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            plain.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            plain.append('#').append(uri.getRawFragment());
        }
        return URI.create(plain.toString());
    }

    private static Map<String, String> withoutCredentials(Map<String, String> headers) {
        Map<String, String> kept = new HashMap<>(headers);
        kept.keySet().removeIf(name -> CREDENTIALS.contains(name.toLowerCase(Locale.ROOT)));
        return kept;
    }
}
