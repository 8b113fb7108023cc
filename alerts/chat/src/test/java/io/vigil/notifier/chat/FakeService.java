package io.vigil.notifier.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An in-process fake of a chat service's HTTP API on a free loopback port. A subclass answers like the service does —
 * checking method, path, headers and the JSON shape the service documents, and refusing what the service refuses —
 * and a test can put answers in front of that (a 429, a 401, a 500) with {@link #thenAnswer}. Every request is kept.
 */
public abstract class FakeService implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    /** One answer. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body);
        }
    }

    /** One request as the fake saw it. */
    public record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final Deque<Answer> scripted = new ArrayDeque<>();
    private final List<Request> received = new ArrayList<>();

    protected FakeService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The fake's base URL, such as {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next requests with these, in order, before answering as the service would. */
    public synchronized FakeService thenAnswer(Answer... answers) {
        scripted.addAll(List.of(answers));
        return this;
    }

    public synchronized List<Request> received() {
        return List.copyOf(received);
    }

    public Request last() {
        List<Request> all = received();
        return all.get(all.size() - 1);
    }

    /** The service's own answer to a request that no scripted answer took. */
    protected abstract Answer answer(Request request);

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        Request request = new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                Map.copyOf(headers),
                body);
        Answer answer;
        synchronized (this) {
            received.add(request);
            answer = scripted.poll();
        }
        if (answer == null) {
            try {
                answer = answer(request);
            } catch (RuntimeException e) {
                answer = Answer.json(400, "{\"error\":\"the fake could not read the request: " + e + "\"}");
            }
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
