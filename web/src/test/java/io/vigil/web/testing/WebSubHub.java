package io.vigil.web.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.engine.websub.WebSubSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A WebSub hub in the test's own process, on a free loopback port, speaking the protocol as a real hub does: it answers
 * a subscription request with {@code 202 Accepted}, then verifies the intent with a GET to the callback carrying a
 * random challenge and the lease it grants, and keeps the secret to sign the content it publishes
 * ({@code X-Hub-Signature: sha256=…}). Per topic it can instead refuse requests, stay silent or grant a short lease.
 * It records every request and verification. Thread-safe.
 */
public final class WebSubHub implements AutoCloseable {

    /** How the hub treats requests for one topic. */
    public enum Behaviour {
        VERIFY,
        REFUSE,
        SILENT
    }

    /** One subscribe or unsubscribe request as the hub got it. */
    public record Request(String mode, String topic, String callback, String secret, String leaseSeconds) {}

    /** One verification of intent: what the hub sent and what the subscriber answered. */
    public record Verification(String mode, String topic, String callback, int status, boolean echoed) {}

    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Integer> leases = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Verification> verifications = new CopyOnWriteArrayList<>();

    public WebSubHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hub", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hub";
    }

    public WebSubHub behave(String topic, Behaviour behaviour) {
        behaviours.put(topic, behaviour);
        return this;
    }

    /** The lease the hub grants for a topic (default: ten days). */
    public WebSubHub grantLease(String topic, int seconds) {
        leases.put(topic, seconds);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Verification> verifications() {
        return List.copyOf(verifications);
    }

    /** The latest subscribe request for a topic, or {@code null}. */
    public Request subscription(String topic) {
        Request found = null;
        for (Request request : requests) {
            if (request.topic().equals(topic) && request.mode().equals("subscribe")) {
                found = request;
            }
        }
        return found;
    }

    /** Publishes content to the topic's subscriber, signed with its secret as a hub does; answers the status. */
    public int publish(String topic, String contentType, String body) throws Exception {
        Request subscription = subscription(topic);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(subscription.callback(), contentType, bytes, WebSubSignature.sign(subscription.secret(), bytes));
    }

    /** Publishes content with a signature of the caller's choosing ({@code null} for none). */
    public int publishSignedAs(String topic, String contentType, String body, String signature) throws Exception {
        return post(subscription(topic).callback(), contentType, body.getBytes(StandardCharsets.UTF_8), signature);
    }

    /** Sends a verification of intent of the caller's choosing to a callback; answers status and body. */
    public HttpResponse<String> verifyAs(String callback, String mode, String topic) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(callback + "?"
                                + form(Map.of(
                                        "hub.mode",
                                        mode,
                                        "hub.topic",
                                        topic,
                                        "hub.challenge",
                                        "c-" + UUID.randomUUID(),
                                        "hub.lease_seconds",
                                        "600"))))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int post(String callback, String contentType, byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(callback))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature", signature);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Request request = new Request(
                form.get("hub.mode"),
                form.get("hub.topic"),
                form.get("hub.callback"),
                form.get("hub.secret"),
                form.get("hub.lease_seconds"));
        requests.add(request);
        Behaviour behaviour = behaviours.getOrDefault(request.topic(), Behaviour.VERIFY);
        if (behaviour == Behaviour.REFUSE) {
            byte[] answer = "topic not allowed here".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
        if (behaviour == Behaviour.VERIFY) {
            Thread.ofVirtual().start(() -> verify(request));
        }
    }

    private void verify(Request request) {
        String challenge = "challenge-" + UUID.randomUUID();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("hub.mode", request.mode());
        query.put("hub.topic", request.topic());
        query.put("hub.challenge", challenge);
        if (request.mode().equals("subscribe")) {
            query.put("hub.lease_seconds", Integer.toString(leases.getOrDefault(request.topic(), 864_000)));
        }
        try {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create(request.callback() + "?" + form(query)))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            verifications.add(new Verification(
                    request.mode(),
                    request.topic(),
                    request.callback(),
                    answer.statusCode(),
                    answer.statusCode() / 100 == 2 && answer.body().equals(challenge)));
        } catch (IOException | InterruptedException e) {
            verifications.add(new Verification(request.mode(), request.topic(), request.callback(), -1, false));
        }
    }

    private static String form(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
