package io.vigil.web.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process fake of Telegram's Bot API on a free loopback port, for tests through the real app: it takes
 * {@code POST /bot<token>/sendMessage} with a JSON {@code chat_id}, {@code text} and {@code parse_mode=HTML}, answers
 * another token with 401 Unauthorized as Telegram does, and answers scripted replies (a 429 with
 * {@code parameters.retry_after}, say) before its own. Thread-safe.
 */
public final class TelegramBotApi implements AutoCloseable {

    public static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request as the fake saw it.
     *
     * @param arrivedNanos {@link System#nanoTime()} when it arrived
     * @param status what the fake answered
     */
    public record Received(String path, JsonNode body, long arrivedNanos, int status) {
        public String text() {
            return body.path("text").asText();
        }
    }

    private record Reply(int status, String body) {}

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger messages = new AtomicInteger();

    public TelegramBotApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The {@code apiUrl} of a channel that talks to this fake. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next request with Telegram's flood-control refusal, asking for {@code seconds} of patience. */
    public synchronized TelegramBotApi thenRateLimit(int seconds) {
        script.add(new Reply(
                429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after " + seconds
                        + "\",\"parameters\":{\"retry_after\":" + seconds + "}}"));
        return this;
    }

    /** Answers the next request with a refusal whose {@code description} is {@code description}, JSON-escaped. */
    public synchronized TelegramBotApi thenRefuse(int code, String description) {
        try {
            script.add(new Reply(
                    code,
                    "{\"ok\":false,\"error_code\":" + code + ",\"description\":" + JSON.writeValueAsString(description)
                            + "}"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return this;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The messages Telegram accepted, in order. */
    public synchronized List<Received> accepted() {
        return received.stream().filter(request -> request.status() == 200).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getRawPath();
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        Reply reply;
        synchronized (this) {
            reply = script.poll();
            if (reply == null) {
                reply = answer(exchange.getRequestMethod(), path, json);
            }
            received.add(new Received(path, json, arrived, reply.status()));
        }
        byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private Reply answer(String method, String path, JsonNode json) {
        if (!path.endsWith("/sendMessage") || !method.equals("POST")) {
            return error(404, "Not Found");
        }
        if (!path.equals("/bot" + TOKEN + "/sendMessage")) {
            return error(401, "Unauthorized");
        }
        if (!json.path("chat_id").isNumber()
                || !json.path("parse_mode").asText().equals("HTML")) {
            return error(400, "Bad Request: chat not found");
        }
        if (json.path("text").asText().isBlank()) {
            return error(400, "Bad Request: message text is empty");
        }
        return new Reply(200, "{\"ok\":true,\"result\":{\"message_id\":" + messages.incrementAndGet() + "}}");
    }

    private static Reply error(int code, String description) {
        return new Reply(code, "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\"}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
