package io.vigil.notifier.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.spi.testkit.StandardWebhooksVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A webhook receiver on a free loopback port, as a user would write one: it verifies every request's signature
 * (answering 401 to a forgery) and then answers with the next scripted reply, 200 when the script is used up.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    /** One request as the receiver saw it, and whether its signature held. */
    record Received(Map<String, String> headers, byte[] body, String signatureProblem) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final StandardWebhooksVerifier verifier;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    /** @param secret the channel secret to verify with, or {@code null} to accept unsigned requests */
    WebhookReceiver(String secret, Answer... answers) throws IOException {
        this.verifier = secret == null ? null : new StandardWebhooksVerifier(secret);
        this.script.addAll(List.of(answers));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        String problem = verifier == null
                ? null
                : verifier.problem(
                        headers.get("webhook-id"),
                        headers.get("webhook-timestamp"),
                        headers.get("webhook-signature"),
                        body,
                        Instant.now());
        Answer answer;
        synchronized (this) {
            received.add(new Received(Map.copyOf(headers), body, problem));
            answer = problem != null
                    ? new Answer(401, Map.of(), problem)
                    : script.isEmpty() ? Answer.of(200) : script.poll();
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] reply = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), reply.length == 0 ? -1 : reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
