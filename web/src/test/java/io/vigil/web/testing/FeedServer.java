package io.vigil.web.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on a free loopback port that serves feeds, web pages and broken answers a test puts at a path: with a
 * status, headers, a delay that outlasts a client's timeout, or a hold the test releases. It counts the requests in
 * flight per {@code Host}, so a test can see how many fetches talk to one host at once. Thread-safe.
 */
public final class FeedServer implements AutoCloseable {

    /** What one path answers. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers, boolean held) {
        public static Answer ok(String contentType, String body) {
            return new Answer(200, contentType, body, Map.of(), false);
        }

        public Answer heldUntilReleased() {
            return new Answer(status, contentType, body, headers, true);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostInFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public FeedServer serve(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    public FeedServer serve(String path, String contentType, String body) {
        return serve(path, Answer.ok(contentType, body));
    }

    /** The URL of {@code path} on this server through {@code 127.0.0.1}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The URL of {@code path} through the name {@code localhost}: another host, as far as politeness goes. */
    public String localhostUrl(String path) {
        return "http://localhost:" + port() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Lets every held request, waiting or future, be answered. */
    public void release() {
        released.countDown();
    }

    /** How many requests for {@code host} (as in the Host header, without port) are being answered now. */
    public int inFlight(String host) {
        return inFlight.computeIfAbsent(host, h -> new AtomicInteger()).get();
    }

    /** The most requests for {@code host} that were ever in flight at once. */
    public int mostInFlight(String host) {
        return mostInFlight.computeIfAbsent(host, h -> new AtomicInteger()).get();
    }

    /** How many requests {@code path} received. */
    public int requests(String path) {
        return requests.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String host = hostOf(exchange.getRequestHeaders().getFirst("Host"));
        int now = inFlight.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        mostInFlight.computeIfAbsent(host, h -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            Answer answer = answers.getOrDefault(path, new Answer(404, "text/plain", "no such page", Map.of(), false));
            if (answer.held()) {
                try {
                    released.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client gave up (a timeout under test); nothing to answer
        } finally {
            inFlight.get(host).decrementAndGet();
            exchange.close();
        }
    }

    private static String hostOf(String header) {
        if (header == null) {
            return "";
        }
        String host = header.toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }

    /** An RSS 2.0 feed with one item per title, each linking to {@code /articles/N}. */
    public static String rss(String title, List<String> itemTitles) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < itemTitles.size(); i++) {
            items.append(
                    """
                        <item>
                          <title>%s</title>
                          <link>https://news.example/articles/%d</link>
                          <guid>https://news.example/articles/%d</guid>
                          <description>%s. The report was confirmed by officials on Monday, who said more details would follow later in the week.</description>
                          <pubDate>Mon, 10 Mar 2025 08:00:00 GMT</pubDate>
                        </item>
                    """
                            .formatted(itemTitles.get(i), i, i, itemTitles.get(i)));
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0">
                  <channel>
                    <title>%s</title>
                    <link>https://news.example/</link>
                    <description>Test feed</description>
                %s  </channel>
                </rss>
                """
                .formatted(title, items);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
