package io.vigil.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.engine.net.AddressGuard.HostLookup;
import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.http.RefusedAddressException;
import io.vigil.spi.http.RefusedRedirectException;
import io.vigil.spi.http.ResponseTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuardedHttpClientTest {

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, List<String>>> requestHeaders = new ConcurrentHashMap<>();
    private GuardedHttpClient client;
    private volatile String redirectTo;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            requestHeaders.put(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()));
            route(exchange);
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        if (client != null) {
            client.close();
        }
        server.stop(0);
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/hello" -> respond(exchange, 200, "hello");
            case "/hop/1" -> redirect(exchange, 302, "/hop/2");
            case "/hop/2" -> redirect(exchange, 301, base() + "/hop/3");
            case "/hop/3" -> respond(exchange, 200, "arrived");
            case "/loop" -> redirect(exchange, 302, "/loop");
            case "/to-metadata" -> redirect(exchange, 302, "http://169.254.169.254/latest/meta-data/");
            case "/to-private" -> redirect(exchange, 307, "/via-private");
            case "/via-private" -> redirect(exchange, 302, "http://10.0.0.7/feed.xml");
            case "/to-ipv6-loopback" -> redirect(exchange, 302, "http://[::1]:" + port() + "/hello");
            case "/to-other-host" -> redirect(exchange, 302, "http://localhost:" + port() + "/landed");
            case "/landed" -> respond(exchange, 200, "landed");
            case "/to-named" -> redirect(exchange, 302, redirectTo);
            case "/post-then-see-other" -> redirect(exchange, 303, "/after-post");
            case "/after-post" -> respond(exchange, 200, exchange.getRequestMethod());
            case "/big" -> respond(exchange, 200, "x".repeat(64 * 1024));
            case "/big-chunked" -> {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 64; i++) {
                        out.write("y".repeat(1024).getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException clientHungUp) {
                    // expected: the client cancels once the body passes its limit
                }
            }
            case "/gzip" -> {
                boolean asked = exchange.getRequestHeaders()
                        .getOrDefault("Accept-Encoding", List.of())
                        .toString()
                        .contains("gzip");
                byte[] body = asked ? gzip("squeezed text") : "plain text".getBytes(StandardCharsets.UTF_8);
                if (asked) {
                    exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            case "/gzip-bomb" -> {
                byte[] body = gzip("z".repeat(1024 * 1024));
                exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            case "/deflate-bomb" -> {
                // Chunked, so no length announces anything: only the unpacked size can stop it.
                ByteArrayOutputStream packed = new ByteArrayOutputStream();
                try (DeflaterOutputStream out = new DeflaterOutputStream(packed)) {
                    out.write(new byte[8 * 1024 * 1024]);
                }
                exchange.getResponseHeaders().add("Content-Encoding", "deflate");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(packed.toByteArray());
                }
            }
            case "/slow" -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, "too late");
            }
            case "/slow-body" -> {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("start".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    release.await(30, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException clientGaveUp) {
                    // expected: the client gives up at its deadline
                }
            }
            default -> respond(exchange, 404, "no such page");
        }
    }

    @Test
    void refusesLoopbackByDefault() {
        client = new GuardedHttpClient(HttpPolicy.defaults());

        assertThatThrownBy(() -> client.send(HttpCall.get(uri("/hello"))))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("loopback");
        assertThat(paths).isEmpty();
    }

    @Test
    void reachesLoopbackWhenPrivateAddressesAreAllowed() throws IOException {
        client = new GuardedHttpClient(HttpPolicy.defaults().withAllowPrivate(true));

        HttpReply reply = client.send(HttpCall.get(uri("/hello")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bodyText()).isEqualTo("hello");
        assertThat(reply.finalUri()).isEqualTo(uri("/hello"));
    }

    @Test
    void sendsVigilsUserAgentUnlessTheCallNamesOne() throws IOException {
        client = open();

        client.send(HttpCall.get(uri("/hello")));
        client.send(HttpCall.get(uri("/landed")).withHeaders(Map.of("User-Agent", "Custom/1")));

        assertThat(requestHeaders.get("/hello").get("User-agent")).containsExactly(HttpPolicy.DEFAULT_USER_AGENT);
        assertThat(requestHeaders.get("/landed").get("User-agent")).containsExactly("Custom/1");
    }

    @Test
    void followsARedirectChainAndReportsWhereItEnded() throws IOException {
        client = open();

        HttpReply reply = client.send(HttpCall.get(uri("/hop/1")));

        assertThat(reply.bodyText()).isEqualTo("arrived");
        assertThat(reply.finalUri()).isEqualTo(uri("/hop/3"));
        assertThat(paths).containsExactly("/hop/1", "/hop/2", "/hop/3");
    }

    @Test
    void givesUpAfterTheRedirectLimit() {
        client = new GuardedHttpClient(
                HttpPolicy.defaults().withAllowPrivate(true).withMaxRedirects(3));

        assertThatThrownBy(() -> client.send(HttpCall.get(uri("/loop"))))
                .isInstanceOf(RefusedRedirectException.class)
                .hasMessageContaining("more than 3");
        assertThat(paths).hasSize(4);
    }

    @Test
    void refusesARedirectToTheCloudMetadataAddress() {
        client = trustingOnlyTheTestServer();

        assertThatThrownBy(() -> client.send(HttpCall.get(uri("/to-metadata"))))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("169.254.169.254")
                .hasMessageContaining("link-local");
    }

    @Test
    void refusesAPrivateAddressReachedLaterInARedirectChain() {
        client = trustingOnlyTheTestServer();

        assertThatThrownBy(() -> client.send(HttpCall.get(uri("/to-private"))))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("10.0.0.7")
                .hasMessageContaining("private");
        assertThat(paths).containsExactly("/to-private", "/via-private");
    }

    @Test
    void refusesARedirectToIpv6Loopback() {
        client = trustingOnlyTheTestServer();

        assertThatThrownBy(() -> client.send(HttpCall.get(uri("/to-ipv6-loopback"))))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void dropsCredentialsWhenARedirectLeavesTheOrigin() throws IOException {
        client = open();

        client.send(HttpCall.get(uri("/to-other-host"))
                .withHeaders(Map.of("Authorization", "Bearer secret", "X-Trace", "kept")));

        assertThat(requestHeaders.get("/to-other-host")).containsKey("Authorization");
        assertThat(requestHeaders.get("/landed")).doesNotContainKey("Authorization");
        assertThat(requestHeaders.get("/landed").get("X-trace")).containsExactly("kept");
    }

    @Test
    void sendsTheUserInfoOfAUrlAsBasicCredentialsAndNeverInTheRequestLine() throws IOException {
        client = open();
        URI withPassword = URI.create(uri("/hello").toString().replace("://", "://reader:p%40ss%3Aword@"));

        HttpReply reply = client.send(HttpCall.get(withPassword));

        assertThat(reply.bodyText()).isEqualTo("hello");
        String expected = "Basic "
                + java.util.Base64.getEncoder().encodeToString("reader:p@ss:word".getBytes(StandardCharsets.UTF_8));
        assertThat(requestHeaders.get("/hello").get("Authorization")).containsExactly(expected);
    }

    @Test
    void keepsTheCallersOwnCredentialsOverTheUrlsAndDropsBothWhenARedirectLeavesTheOrigin() throws IOException {
        client = open();
        URI withPassword = URI.create(uri("/to-other-host").toString().replace("://", "://reader:secret@"));

        client.send(HttpCall.get(withPassword).withHeaders(Map.of("authorization", "Bearer token")));

        assertThat(requestHeaders.get("/to-other-host").get("Authorization")).containsExactly("Bearer token");
        assertThat(requestHeaders.get("/landed")).doesNotContainKey("Authorization");
    }

    @Test
    void aUrlWithoutItsUserInfoKeepsEveryOtherPartAsWritten() {
        assertThat(GuardedHttpClient.withoutUserInfo(URI.create("https://a:b@example.org:8443/p%20q?x=1&y=%2F#top")))
                .hasToString("https://example.org:8443/p%20q?x=1&y=%2F#top");
    }

    @Test
    void continuesAPostAsGetAfterSeeOther() throws IOException {
        client = open();

        HttpReply reply = client.send(
                HttpCall.post(uri("/post-then-see-other"), Map.of(), "form".getBytes(StandardCharsets.UTF_8)));

        assertThat(reply.bodyText()).isEqualTo("GET");
    }

    @Test
    void refusesToDowngradeFromHttpsToHttp() {
        assertThatThrownBy(() -> GuardedHttpClient.redirectTarget(
                        URI.create("https://news.example/feed"), "http://news.example/feed"))
                .isInstanceOf(RefusedRedirectException.class)
                .hasMessageContaining("https to plain http");
    }

    @Test
    void refusesRedirectsToOtherSchemes() {
        assertThatThrownBy(() ->
                        GuardedHttpClient.redirectTarget(URI.create("http://news.example/feed"), "file:///etc/passwd"))
                .isInstanceOf(RefusedRedirectException.class)
                .hasMessageContaining("not http or https");
    }

    @Test
    void resolvesRelativeRedirectsAndUpgradesToHttps() throws RefusedRedirectException {
        assertThat(GuardedHttpClient.redirectTarget(URI.create("http://news.example/a/feed"), "../b/feed"))
                .isEqualTo(URI.create("http://news.example/b/feed"));
        assertThat(GuardedHttpClient.redirectTarget(URI.create("http://news.example/feed"), "https://news.example/"))
                .isEqualTo(URI.create("https://news.example/"));
    }

    @Test
    void stopsReadingABodyAnnouncedLargerThanTheLimit() {
        client = new GuardedHttpClient(
                HttpPolicy.defaults().withAllowPrivate(true).withMaxResponseBytes(16 * 1024));

        assertThatThrownBy(() -> client.send(HttpCall.get(uri("/big"))))
                .isInstanceOf(ResponseTooLargeException.class)
                .hasMessageContaining("16384");
    }

    @Test
    void stopsReadingAStreamedBodyOnceItPassesTheLimit() {
        client = open();

        assertThatThrownBy(() -> client.send(HttpCall.get(uri("/big-chunked")).withMaxBytes(8 * 1024)))
                .isInstanceOf(ResponseTooLargeException.class);
    }

    @Test
    void asksForGzipAndDecodesIt() throws IOException {
        client = open();

        HttpReply reply = client.send(HttpCall.get(uri("/gzip")));

        assertThat(reply.bodyText()).isEqualTo("squeezed text");
        assertThat(reply.header("Content-Encoding")).isEmpty();
        assertThat(requestHeaders.get("/gzip").get("Accept-encoding")).containsExactly("gzip");
    }

    @Test
    void capsTheUnpackedSizeOfAGzipBody() {
        client = open();

        assertThatThrownBy(() -> client.send(HttpCall.get(uri("/gzip-bomb")).withMaxBytes(64 * 1024)))
                .isInstanceOf(ResponseTooLargeException.class)
                .hasMessageContaining("unpacks");
    }

    @Test
    void capsTheUnpackedSizeOfAChunkedDeflateBody() {
        client = open();

        // About 8 KiB on the wire, 8 MiB unpacked: under the limit as sent, over it once inflated.
        assertThatThrownBy(() -> client.send(HttpCall.get(uri("/deflate-bomb")).withMaxBytes(1024 * 1024)))
                .isInstanceOf(ResponseTooLargeException.class)
                .hasMessageContaining("unpacks to more than 1048576 bytes");
    }

    @Test
    void givesUpOnAServerThatDoesNotAnswerInTime() {
        client = new GuardedHttpClient(HttpPolicy.defaults()
                .withAllowPrivate(true)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));

        assertThatThrownBy(() -> client.send(HttpCall.get(uri("/slow"))))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessageContaining("did not answer");
    }

    @Test
    void givesUpOnABodyThatStallsPastTheCallsDeadline() {
        client = open();

        assertThatThrownBy(() -> client.send(HttpCall.get(uri("/slow-body")).withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void connectsToTheAddressItCheckedWhenTheNameServerChangesItsAnswer() {
        // A rebinding name server: a public address (TEST-NET-1, unroutable here) to the first question, the
        // loopback test server to every later one.
        AtomicInteger lookups = new AtomicInteger();
        HostLookup rebinding = host -> lookups.incrementAndGet() == 1
                ? new InetAddress[] {InetAddress.getByName("192.0.2.1")}
                : new InetAddress[] {InetAddress.getLoopbackAddress()};
        client = new GuardedHttpClient(
                HttpPolicy.defaults().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(2)),
                Set.of(InetAddress.getLoopbackAddress()),
                rebinding);

        assertThatThrownBy(() -> client.send(HttpCall.get(URI.create("http://rebind.test:" + port() + "/hello"))))
                .isInstanceOf(IOException.class);
        assertThat(paths).isEmpty();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void checksEveryRedirectHopWithItsOwnLookup() {
        // The first hop is the test server under a name; the redirect names a host the name server first places
        // on a public address and then on loopback.
        AtomicInteger rebindLookups = new AtomicInteger();
        HostLookup names = host -> switch (host) {
            case "feeds.test" -> new InetAddress[] {InetAddress.getLoopbackAddress()};
            case "rebind.test" ->
                rebindLookups.incrementAndGet() == 1
                        ? new InetAddress[] {InetAddress.getByName("192.0.2.1")}
                        : new InetAddress[] {InetAddress.getLoopbackAddress()};
            default -> throw new java.net.UnknownHostException(host);
        };
        redirectTo = "http://rebind.test:" + port() + "/landed";
        client = new GuardedHttpClient(
                HttpPolicy.defaults().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(2)),
                Set.of(InetAddress.getLoopbackAddress()),
                names);

        assertThatThrownBy(() -> client.send(HttpCall.get(URI.create("http://feeds.test:" + port() + "/to-named"))))
                .isInstanceOf(IOException.class);
        assertThat(paths).containsExactly("/to-named");
        assertThat(rebindLookups).hasValue(1);
    }

    @Test
    void refusesANameWhoseLookupAnswersAPrivateAddress() {
        HostLookup intranet = host -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
        client = new GuardedHttpClient(HttpPolicy.defaults(), Set.of(), intranet);

        assertThatThrownBy(() -> client.send(HttpCall.get(URI.create("http://intranet.test/feed"))))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("intranet.test resolves to 10.1.2.3")
                .hasMessageContaining("private");
    }

    @Test
    void keepsTheNameInTheRequestWhileConnectingToTheCheckedAddress() throws IOException {
        HostLookup names = host -> new InetAddress[] {InetAddress.getLoopbackAddress()};
        client = new GuardedHttpClient(HttpPolicy.defaults(), Set.of(InetAddress.getLoopbackAddress()), names);

        HttpReply reply = client.send(HttpCall.get(URI.create("http://feeds.test:" + port() + "/hello")));

        assertThat(reply.bodyText()).isEqualTo("hello");
        assertThat(requestHeaders.get("/hello").get("Host")).containsExactly("feeds.test:" + port());
    }

    @Test
    void returnsErrorStatusesForTheCallerToJudge() throws IOException {
        client = open();

        HttpReply reply = client.send(HttpCall.get(uri("/missing")));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.bodyText()).isEqualTo("no such page");
    }

    private GuardedHttpClient open() {
        return new GuardedHttpClient(HttpPolicy.defaults().withAllowPrivate(true));
    }

    /** Public addresses plus the test server itself: everything else private stays refused. */
    private GuardedHttpClient trustingOnlyTheTestServer() {
        return new GuardedHttpClient(HttpPolicy.defaults(), Set.of(InetAddress.getLoopbackAddress()));
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private String base() {
        return "http://127.0.0.1:" + port();
    }

    private URI uri(String path) {
        return URI.create(base() + path);
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException clientHungUp) {
            // the client may cancel once it has seen enough
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
