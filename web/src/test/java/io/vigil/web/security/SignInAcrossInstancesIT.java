package io.vigil.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.web.testing.SignedInAsAdmin;
import io.vigil.web.testing.VigilProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * Two packaged Vigils on one PostgreSQL are one deployment to whoever signs in: a session opened on one works on the
 * other and ends on both at once; a failed-sign-in lockout on one holds on the other; a token revoked on one is refused
 * by the other on the next request; a password bcrypt accepted on one is recognised by the other without bcrypt (the
 * same {@code VIGIL_SESSION_KEY}). The second one serves HTTPS as well, where the session cookie is Secure and every
 * answer carries HSTS.
 */
class SignInAcrossInstancesIT {

    private static final String SESSION_KEY = "across-instances-test-key-0123456789";
    private static final String KEY_STORE_PASSWORD = "across-instances-store";

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Test
    void sessionsLockoutsTokensAndVerifiedPasswordsHoldAcrossInstances() throws Exception {
        try (VigilProcess first =
                VigilProcess.withFreshDatabase("it_sign_in", Map.of("VIGIL_SESSION_KEY", SESSION_KEY))) {
            first.start();
            Path keyStore = keyStore(first.workDirectory());
            int httpsPort = VigilProcess.freePort();
            try (VigilProcess second = VigilProcess.alongside(
                    first,
                    "second",
                    Map.of(
                            "VIGIL_SESSION_KEY",
                            SESSION_KEY,
                            "QUARKUS_HTTP_SSL_PORT",
                            Integer.toString(httpsPort),
                            "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_FILE",
                            keyStore.toString(),
                            "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD",
                            KEY_STORE_PASSWORD))) {
                second.start();
                String a = first.baseUrl();
                String b = second.baseUrl();

                // a session opened on the first works on the second, and signing out on the second ends it on both
                String session = signIn(a, SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD)
                        .orElseThrow();
                assertThat(get(b + "/account", session).statusCode()).isEqualTo(200);
                assertThat(get(a + "/account", session).statusCode()).isEqualTo(200);
                String csrf = csrfOf(get(b + "/account", session));
                HttpResponse<String> signedOut = send(HttpRequest.newBuilder(URI.create(b + "/logout"))
                        .header("Cookie", "vigil-session=" + session + "; vigil-csrf=" + csrf)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf))
                        .build());
                assertThat(signedOut.statusCode()).isEqualTo(303);
                assertThat(get(a + "/account", session).statusCode())
                        .as("the first instance, after signing out on the second")
                        .isEqualTo(302);

                // a token made on the first, revoked on the second, is refused by the first at once
                String basic = basic(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
                HttpResponse<String> issued = send(HttpRequest.newBuilder(URI.create(a + "/api/tokens"))
                        .header("Authorization", basic)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"across\"}"))
                        .build());
                assertThat(issued.statusCode()).isEqualTo(201);
                String token = field(issued.body(), "token");
                String tokenId = number(issued.body(), "id");
                assertThat(bearer(b + "/api/articles", token).statusCode()).isEqualTo(200);

                // HTTP Basic: the second recognises the password the first verified, without bcrypt of its own
                assertThat(metric(b, token, "vigil_login_bcrypt_total")).isZero();
                assertThat(send(HttpRequest.newBuilder(URI.create(b + "/api/articles"))
                                        .header("Authorization", basic)
                                        .build())
                                .statusCode())
                        .isEqualTo(200);
                assertThat(metric(b, token, "vigil_login_bcrypt_total"))
                        .as("bcrypt runs on the second instance")
                        .isZero();

                assertThat(send(HttpRequest.newBuilder(URI.create(b + "/api/tokens/" + tokenId))
                                        .header("Authorization", "Bearer " + token)
                                        .DELETE()
                                        .build())
                                .statusCode())
                        .isEqualTo(204);
                assertThat(bearer(a + "/api/articles", token).statusCode()).isEqualTo(401);

                // over HTTPS the cookies are Secure and every answer says to stay on HTTPS
                HttpClient tls = HttpClient.newBuilder()
                        .sslContext(trusting(keyStore))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
                HttpResponse<String> login = tls.send(
                        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(login.statusCode()).isEqualTo(200);
                assertThat(login.headers().firstValue("Strict-Transport-Security"))
                        .contains("max-age=31536000");
                // named __Host-, so no sibling host can plant them; a plain-named pair is not read
                assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("__Host-vigil-csrf=")
                        .contains("Secure")
                        .contains("Path=/")
                        .doesNotContainIgnoringCase("Domain"));
                String tlsCsrf = cookie(login, "__Host-vigil-csrf").orElseThrow();
                String form = "_csrf=" + tlsCsrf + "&username=" + SignedInAsAdmin.USER + "&password="
                        + URLEncoder.encode(SignedInAsAdmin.PASSWORD, StandardCharsets.UTF_8);
                HttpRequest.Builder tlsSignIn = HttpRequest.newBuilder(
                                URI.create("https://127.0.0.1:" + httpsPort + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form));
                assertThat(tls.send(
                                        tlsSignIn
                                                .copy()
                                                .header("Cookie", "vigil-csrf=" + tlsCsrf)
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .as("the pair under the name a sibling host can set")
                        .isEqualTo(403);
                HttpResponse<String> tlsSignedIn = tls.send(
                        tlsSignIn
                                .header("Cookie", "__Host-vigil-csrf=" + tlsCsrf)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(tlsSignedIn.statusCode()).isEqualTo(303);
                assertThat(cookie(tlsSignedIn, "__Host-vigil-session")).isPresent();

                // five failures on the first lock the username on the second too
                for (int guess = 0; guess < 5; guess++) {
                    assertThat(signIn(a, SignedInAsAdmin.USER, "wrong-guess-" + guess))
                            .isEmpty();
                }
                assertThat(signIn(b, SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD))
                        .as("the right password on the second instance during the lockout")
                        .isEmpty();
                assertThat(get(b + "/login", null).headers().firstValue("Strict-Transport-Security"))
                        .as("not over plain HTTP")
                        .isEmpty();
            }
        }
    }

    /** Signs in through the form; the session cookie, or empty when the sign-in was refused. */
    private Optional<String> signIn(String base, String username, String password) throws Exception {
        HttpResponse<String> form = get(base + "/login", null);
        String csrf = cookie(form, "vigil-csrf").orElseThrow();
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Cookie", "vigil-csrf=" + csrf)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&username="
                        + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build());
        assertThat(posted.statusCode()).isEqualTo(303);
        if (posted.headers().firstValue("Location").orElse("").contains("/login")) {
            return Optional.empty();
        }
        return cookie(posted, "vigil-session");
    }

    private HttpResponse<String> get(String url, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (session != null) {
            request.header("Cookie", "vigil-session=" + session);
        }
        return send(request.build());
    }

    private HttpResponse<String> bearer(String url, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private double metric(String base, String token, String name) throws Exception {
        String text = bearer(base + "/q/metrics", token).body();
        Matcher value =
                Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
        return value.find() ? Double.parseDouble(value.group(2)) : 0;
    }

    private static Optional<String> cookie(HttpResponse<?> response, String name) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(name + "=")) {
                String value = header.substring(name.length() + 1).split(";", 2)[0];
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static String csrfOf(HttpResponse<String> page) {
        Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(field.find()).as("the page carries its anti-forgery token").isTrue();
        return field.group(1);
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(value.find()).as("%s in %s", name, json).isTrue();
        return value.group(1);
    }

    private static String number(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*([0-9]+)").matcher(json);
        assertThat(value.find()).as("%s in %s", name, json).isTrue();
        return value.group(1);
    }

    private static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
    private static Path keyStore(Path folder) throws Exception {
        Path store = folder.resolve("tls.p12");
        Files.deleteIfExists(store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "vigil",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-keystore",
                        store.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        KEY_STORE_PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("keytool: %s", output).isZero();
        return store;
    }

    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, KEY_STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
