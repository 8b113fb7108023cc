package io.vigil.web.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A small OpenID Connect provider for tests, on a free port in the test's JVM: discovery, JWKS, an authorization
 * endpoint that signs in whoever {@link #signInNext} named (no form: the test decides who the user is) and a token
 * endpoint that answers RS256-signed ID tokens with that user's subject, name and groups. It checks what a real
 * provider checks for the code flow: the client id and secret, the redirect URI, a code used once.
 *
 * <p>Quarkus starts it from its test-resource class loader and the test runs in another, each with its own copy of
 * this class: the test names the next user over HTTP ({@code /realm/test/next}), not through a static field. Only the
 * JDK and jose4j here, for the same reason.
 */
public final class OidcTestProvider {

    public static final String CLIENT_ID = "vigil";
    public static final String CLIENT_SECRET = "test-client-secret-0123456789abcdef";

    /** The user the next authorization signs in, and the provider's session it opens ({@code sid}; null: none). */
    public record Person(String subject, String username, List<String> groups, String sessionId) {
        public Person(String subject, String username, List<String> groups) {
            this(subject, username, groups, null);
        }
    }

    private record Grant(Person person, String nonce, String redirectUri) {}

    private static volatile Person next;
    private static final Map<String, Grant> CODES = new ConcurrentHashMap<>();
    private static HttpServer server;
    private static RsaJsonWebKey key;
    private static String issuer;

    private OidcTestProvider() {}

    /** Who the provider at {@code issuer} signs in at the next authorization request (called from the test). */
    public static void signInNext(String issuer, Person person) throws IOException, InterruptedException {
        String query = "sub=" + encode(person.subject()) + "&username=" + encode(person.username()) + "&groups="
                + encode(String.join(",", person.groups()))
                + (person.sessionId() == null ? "" : "&sid=" + encode(person.sessionId()));
        var answer = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer + "/test/next?" + query))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 204) {
            throw new IllegalStateException("the test provider answered " + answer.statusCode());
        }
    }

    /**
     * A JWT of these claims signed with the provider at {@code issuer}'s own key, as it signs its logout tokens (called
     * from the test, which posts it where the provider would).
     */
    public static String signedByProvider(String issuer, String claimsJson) throws IOException, InterruptedException {
        var answer = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer + "/test/sign"))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(claimsJson))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the test provider answered " + answer.statusCode());
        }
        return answer.body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static synchronized String start() throws IOException, JoseException {
        if (server != null) {
            return issuer;
        }
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("test-key");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
        server.createContext("/realm/.well-known/openid-configuration", exchange -> json(exchange, 200, discovery()));
        server.createContext("/realm/test/next", exchange -> {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            next = new Person(
                    query.get("sub"),
                    query.get("username"),
                    query.get("groups").isEmpty()
                            ? List.of()
                            : List.of(query.get("groups").split(",")),
                    query.get("sid"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/realm/test/sign", guarded(exchange -> {
            try {
                byte[] token = sign(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, token.length);
                exchange.getResponseBody().write(token);
                exchange.close();
            } catch (JoseException e) {
                throw new IOException(e);
            }
        }));
        server.createContext(
                "/realm/jwks",
                guarded(exchange ->
                        json(exchange, 200, new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))));
        server.createContext("/realm/authorize", guarded(OidcTestProvider::authorize));
        server.createContext("/realm/token", guarded(OidcTestProvider::token));
        server.start();
        return issuer;
    }

    /** A handler whose failure is printed and answered with 500, not a silently closed connection. */
    private static com.sun.net.httpserver.HttpHandler guarded(com.sun.net.httpserver.HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException | IOException | Error e) {
                e.printStackTrace();
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            }
        };
    }

    public static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private static String discovery() {
        return """
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/jwks", "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"]}
                """
                .formatted(issuer);
    }

    private static String error(String code) {
        return "{\"error\": \"" + code + "\"}";
    }

    private static void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        Person person = next;
        if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type")) || person == null) {
            json(exchange, 400, error("invalid_request"));
            return;
        }
        String code = UUID.randomUUID().toString();
        CODES.put(code, new Grant(person, query.get("nonce"), query.get("redirect_uri")));
        String location = query.get("redirect_uri") + (query.get("redirect_uri").contains("?") ? "&" : "?") + "code="
                + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        boolean clientOk = (CLIENT_ID.equals(body.get("client_id")) && CLIENT_SECRET.equals(body.get("client_secret")))
                || ("Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString(
                                                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
                        .equals(basic);
        Grant grant = body.get("code") == null ? null : CODES.remove(body.get("code"));
        if (!clientOk || grant == null || !grant.redirectUri().equals(body.get("redirect_uri"))) {
            json(exchange, 400, error("invalid_grant"));
            return;
        }
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience(CLIENT_ID);
            claims.setSubject(grant.person().subject());
            claims.setClaim("preferred_username", grant.person().username());
            claims.setStringListClaim("groups", grant.person().groups());
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(5);
            if (grant.nonce() != null) {
                claims.setClaim("nonce", grant.nonce());
            }
            if (grant.person().sessionId() != null) {
                claims.setClaim("sid", grant.person().sessionId());
            }
            String idToken = sign(claims.toJson());
            claims.setClaim("typ", "Bearer");
            String accessToken = sign(claims.toJson());
            json(
                    exchange,
                    200,
                    """
                    {"access_token": "%s", "token_type": "Bearer", "expires_in": 300, "id_token": "%s"}
                    """
                            .formatted(accessToken, idToken));
        } catch (JoseException e) {
            throw new IOException(e);
        }
    }

    private static String sign(String claims) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims);
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(
                            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Starts the provider before Quarkus, and points Vigil's OIDC sign-in at it. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                String url = OidcTestProvider.start();
                return Map.of(
                        "vigil.oidc.enabled", "true",
                        "vigil.oidc.provider-name", "Test IdP",
                        "vigil.oidc.admin-groups", "vigil-admins",
                        "vigil.oidc.analyst-groups", "vigil-analysts,news-desk",
                        "vigil.oidc.session-max", "PT3H",
                        "quarkus.oidc.auth-server-url", url,
                        "quarkus.oidc.client-id", CLIENT_ID,
                        "quarkus.oidc.credentials.secret", CLIENT_SECRET);
            } catch (IOException | JoseException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            OidcTestProvider.stop();
        }
    }
}
