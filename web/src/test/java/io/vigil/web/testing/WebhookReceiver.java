package io.vigil.web.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.spi.testkit.StandardWebhooksVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on a free loopback port, as a user would write one: it verifies each request's Standard Webhooks
 * signature (answering 401 to a forgery), then answers with the next scripted status, 200 once the script is used up.
 *
 * <p>A receiver can be made slow: each request then waits up to a hold time before it is answered, unless the test
 * {@linkplain #release() releases} it — a slow receiver whose pace the test controls. Thread-safe.
 */
public final class WebhookReceiver implements AutoCloseable {

    /**
     * One request as the receiver saw it, and whether its signature held.
     *
     * @param arrivedNanos {@link System#nanoTime()} when the request arrived, for latency figures
     */
    public record Received(Map<String, String> headers, byte[] body, String signatureProblem, long arrivedNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String id() {
            return header("webhook-id");
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static {
        // Without it the JDK server's small writes meet the client's delayed ACK: 40 ms per request, all receiver.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private volatile StandardWebhooksVerifier verifier;
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final Duration hold;
    private final CountDownLatch released = new CountDownLatch(1);

    private WebhookReceiver(int port, Duration hold, List<Integer> statuses) throws IOException {
        this.hold = hold;
        this.script.addAll(statuses);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** A receiver that answers the given statuses in turn, then 200. */
    public static WebhookReceiver answering(Integer... statuses) throws IOException {
        return new WebhookReceiver(0, Duration.ZERO, List.of(statuses));
    }

    /** A receiver on a given port that answers 200: one that was down and comes back where it was. */
    public static WebhookReceiver on(int port) throws IOException {
        return new WebhookReceiver(port, Duration.ZERO, List.of());
    }

    /** A receiver that takes up to {@code hold} to answer each request, 200, unless released earlier. */
    public static WebhookReceiver slow(Duration hold) throws IOException {
        return new WebhookReceiver(0, hold, List.of());
    }

    /** Verifies signatures with this secret from now on (the secret is known only once the channel is saved). */
    public WebhookReceiver verifyingWith(String secret) {
        this.verifier = new StandardWebhooksVerifier(secret);
        return this;
    }

    /** Lets a slow receiver answer every waiting and future request at once. */
    public void release() {
        released.countDown();
    }

    /** Appends statuses to answer next, such as fixing a receiver that answered 400. */
    public synchronized void thenAnswer(Integer... statuses) {
        script.clear();
        script.addAll(List.of(statuses));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    public synchronized int count() {
        return received.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        StandardWebhooksVerifier check = verifier;
        String problem = check == null
                ? null
                : check.problem(
                        headers.get("webhook-id"),
                        headers.get("webhook-timestamp"),
                        headers.get("webhook-signature"),
                        body,
                        Instant.now());
        if (!hold.isZero()) {
            try {
                released.await(hold.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status;
        synchronized (this) {
            received.add(new Received(Map.copyOf(headers), body, problem, arrived));
            status = problem != null ? 401 : script.isEmpty() ? 200 : script.poll();
        }
        byte[] reply = (problem != null ? problem : status < 300 ? "ok" : "refused with " + status)
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
