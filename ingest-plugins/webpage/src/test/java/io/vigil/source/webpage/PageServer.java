package io.vigil.source.webpage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-process HTTP server on loopback that answers each path with a canned page and records what was asked. */
final class PageServer implements AutoCloseable {

    private record Page(int status, String html, Map<String, String> headers) {}

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> lastHeaders = new ConcurrentHashMap<>();

    PageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    PageServer page(String path, String html) {
        pages.put(path, new Page(200, html, Map.of()));
        return this;
    }

    PageServer status(String path, int status, Map<String, String> headers) {
        pages.put(path, new Page(status, "", headers));
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<String> requested() {
        return List.copyOf(requested);
    }

    /** The value of a request header on the last request for a path, or {@code null}. */
    String lastHeader(String path, String name) {
        return lastHeaders.getOrDefault(path, Map.of()).get(name.toLowerCase(java.util.Locale.ROOT));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requested.add(path);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        lastHeaders.put(path, headers);
        Page page = pages.getOrDefault(path, new Page(404, "not found", Map.of()));
        byte[] body = page.html().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        page.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(page.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
