package io.vigil.examples.jsonfeed;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP server on a free loopback port that serves what a test puts at a path, with an ETag; a request that sends
 * the current ETag back gets {@code 304}. Thread-safe.
 */
final class FeedServer implements AutoCloseable {

    /** What one path answers. */
    record Answer(int status, String contentType, String body, Map<String, String> headers) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Answer answer = answers.getOrDefault(
                    exchange.getRequestURI().getPath(), new Answer(404, "text/plain", "not here", Map.of()));
            String etag = "\"" + Integer.toHexString(answer.body().hashCode()) + "\"";
            if (answer.status() == 200 && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.getResponseHeaders().add("ETag", etag);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    FeedServer serve(String path, String json) {
        answers.put(path, new Answer(200, "application/feed+json", json, Map.of()));
        return this;
    }

    FeedServer answer(String path, int status, String contentType, String body, Map<String, String> headers) {
        answers.put(path, new Answer(status, contentType, body, headers));
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
