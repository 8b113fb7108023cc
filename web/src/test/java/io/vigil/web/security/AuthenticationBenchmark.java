package io.vigil.web.security;

import static io.restassured.RestAssured.given;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What authenticating one request costs, per credential: a session cookie, an API token, a source's push token, HTTP
 * Basic with a recently verified password, and HTTP Basic with bcrypt (the first request, or a sign-in). Measured twice:
 * the authentication alone (the identity provider, as Quarkus calls it on every request), and whole requests to a
 * cheap endpoint ({@code GET /api/plugins}) from one and from four clients. The tables hold 10,000 other sessions,
 * tokens and verified passwords, and the plans of the lookups are printed, to show they are index reads. Prints figures; asserts nothing
 * about time.
 *
 * <p>Not part of the test run; {@code ./vigil bench auth} runs it (docs/benchmarks.md).
 */
@QuarkusTest
@Tag("benchmark")
class AuthenticationBenchmark {

    private static final int WARM_UP = 500;
    private static final int RUNS = 3_000;
    private static final int BCRYPT_RUNS = 40;
    private static final int OTHERS = 10_000;

    @Inject
    IdentityProviderManager identities;

    @Inject
    Sessions sessions;

    @Inject
    PasswordCheck passwords;

    @Inject
    DataSource database;

    @TestHTTPResource("/")
    URL root;

    @Test
    void perRequestCostOfEachCredential() throws Exception {
        Archive.awaitReady();
        String user = Users.create("bench", Role.ANALYST);
        long userId =
                QuarkusTransaction.requiringNew().call(() -> User.named(user).orElseThrow().id);
        fillWithOthers(userId);

        String session =
                sessions.open(userId, "127.0.0.1", "AuthenticationBenchmark").secret();
        String token = Users.as(user)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "bench"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        int source = given().contentType(ContentType.JSON)
                .body(Map.of("type", "push", "name", "Bench Drop " + System.nanoTime(), "config", Map.of()))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String pushToken = given().post("/api/sources/" + source + "/token")
                .then()
                .statusCode(201)
                .extract()
                .path("token");

        System.out.printf(
                "%nAuthentication alone (identity provider; %d runs after %d to warm up; ms)%n", RUNS, WARM_UP);
        System.out.printf("%-34s %8s %8s %8s%n", "credential", "p50", "p99", "mean");
        time("session cookie", () -> new SessionRequest(session), RUNS);
        time("API token", () -> new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), RUNS);
        time("push token", () -> new PushTokenRequest(pushToken), RUNS);
        time(
                "HTTP Basic, recently verified",
                () -> new UsernamePasswordAuthenticationRequest(
                        user, new PasswordCredential(Users.PASSWORD.toCharArray())),
                RUNS);
        long[] bcrypt = new long[BCRYPT_RUNS];
        for (int run = 0; run < BCRYPT_RUNS; run++) {
            long start = System.nanoTime();
            if (!(passwords.check(user, Users.PASSWORD, "127.0.0.1", "bench", false)
                    instanceof PasswordCheck.Accepted)) {
                throw new AssertionError("the password check failed");
            }
            bcrypt[run] = System.nanoTime() - start;
        }
        print("password with bcrypt (sign-in)", bcrypt);

        String basic = "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + Users.PASSWORD).getBytes(StandardCharsets.UTF_8));
        Map<String, Map<String, String>> credentials = new java.util.LinkedHashMap<>();
        credentials.put("session cookie", Map.of("Cookie", Sessions.COOKIE + "=" + session));
        credentials.put("API token", Map.of("Authorization", "Bearer " + token));
        credentials.put("HTTP Basic, recently verified", Map.of("Authorization", basic));
        HttpClient client = HttpClient.newHttpClient();
        System.out.printf("%nWhole requests, GET /api/plugins (%d each; ms per request; requests/s)%n", RUNS);
        System.out.printf("%-34s %8s %8s %8s %12s%n", "credential", "p50", "p99", "mean", "4 clients/s");
        for (var credential : credentials.entrySet()) {
            long[] one = requests(client, credential.getValue(), RUNS);
            double parallel = parallel(client, credential.getValue(), 4, RUNS);
            System.out.printf(
                    "%-34s %8.2f %8.2f %8.2f %12.0f%n",
                    credential.getKey(), percentile(one, 50), percentile(one, 99), mean(one), parallel);
        }

        System.out.printf(
                "%nPlans of the lookups (%d other sessions, tokens and verified passwords in the tables)%n", OTHERS);
        explain(
                "session",
                "select s.id, u.id from user_session s join users u on u.id = s.user_id where s.id_hash = '"
                        + TokenSecrets.hash(session) + "' and s.expires_at > now()");
        explain(
                "API token",
                "select t.id, u.id from api_token t join users u on u.id = t.user_id where t.token_hash = '"
                        + TokenSecrets.hash(token) + "' and t.revoked_at is null");
        explain(
                "verified password",
                "select u.id from verified_password v join users u on u.id = v.user_id where v.digest = '\\x00'"
                        + " and u.username = '" + user + "'");
    }

    private void time(String name, Supplier<AuthenticationRequest> request, int runs) {
        for (int run = 0; run < WARM_UP; run++) {
            identities.authenticateBlocking(request.get());
        }
        long[] times = new long[runs];
        for (int run = 0; run < runs; run++) {
            AuthenticationRequest asked = request.get();
            long start = System.nanoTime();
            identities.authenticateBlocking(asked);
            times[run] = System.nanoTime() - start;
        }
        print(name, times);
    }

    private long[] requests(HttpClient client, Map<String, String> headers, int runs) throws Exception {
        for (int run = 0; run < WARM_UP; run++) {
            send(client, headers);
        }
        long[] times = new long[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            send(client, headers);
            times[run] = System.nanoTime() - start;
        }
        return times;
    }

    private double parallel(HttpClient client, Map<String, String> headers, int clients, int runs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                work.add(pool.submit(() -> {
                    for (int run = 0; run < runs / clients; run++) {
                        send(client, headers);
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
            return (runs / clients) * clients / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private void send(HttpClient client, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + "/api/plugins"));
        headers.forEach(request::header);
        int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status != 200) {
            throw new AssertionError("GET /api/plugins answered " + status);
        }
    }

    /** Other users' sessions and tokens, so the lookups are measured against tables that are not tiny. */
    private void fillWithOthers(long userId) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement session = connection.prepareStatement(
                        "insert into user_session (user_id, id_hash, expires_at) values (?, ?, now() + interval '1 day')");
                PreparedStatement token = connection.prepareStatement(
                        "insert into api_token (user_id, name, token_hash, prefix) values (?, 'other', ?, 'vgl_x')");
                PreparedStatement verified = connection.prepareStatement(
                        "insert into verified_password (digest, user_id, password_hash, expires_at)"
                                + " values (?, ?, 'x', now() + interval '1 day')")) {
            for (int i = 0; i < OTHERS; i++) {
                session.setLong(1, userId);
                session.setString(2, TokenSecrets.hash(TokenSecrets.generate(Sessions.PREFIX)));
                session.addBatch();
                token.setLong(1, userId);
                token.setString(2, TokenSecrets.hash(TokenSecrets.generate(ApiToken.PREFIX)));
                token.addBatch();
                verified.setBytes(
                        1,
                        java.security.MessageDigest.getInstance("SHA-256")
                                .digest(("other " + i).getBytes(StandardCharsets.UTF_8)));
                verified.setLong(2, userId);
                verified.addBatch();
            }
            session.executeBatch();
            token.executeBatch();
            verified.executeBatch();
            connection.createStatement().execute("analyze user_session; analyze api_token; analyze verified_password");
        }
    }

    private void explain(String name, String sql) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement explain = connection.prepareStatement("explain (analyze, costs off) " + sql);
                ResultSet plan = explain.executeQuery()) {
            System.out.println("  " + name + ":");
            while (plan.next()) {
                System.out.println("    " + plan.getString(1));
            }
        }
    }

    private static void print(String name, long[] nanos) {
        System.out.printf("%-34s %8.3f %8.3f %8.3f%n", name, percentile(nanos, 50), percentile(nanos, 99), mean(nanos));
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e6;
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e6;
    }
}
