package io.vigil.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import io.vigil.engine.net.AddressGuard.HostLookup;
import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS through the pinned connection: the client connects to the address its resolver checked, yet TLS still sends
 * the URL's host name (SNI) and verifies the certificate against that name, not against the address. The server is a
 * real TLS server on loopback with a certificate made by the JDK's {@code keytool} for {@code feeds.test}; the name
 * server is the test's.
 */
class PinnedTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;

    private static KeyStore serverKeys;

    private HttpsServer server;
    private GuardedHttpClient client;
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path store = keys.resolve("feeds.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "feeds",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=feeds.test",
                        "-ext",
                        "SAN=dns:feeds.test",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        new String(PASSWORD),
                        "-keypass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as("keytool: %s", output).isZero();
        serverKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            serverKeys.load(in, PASSWORD);
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(serverKeys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            if (exchange instanceof HttpsExchange https
                    && https.getSSLSession() instanceof ExtendedSSLSession session) {
                session.getRequestedServerNames().stream()
                        .filter(SNIHostName.class::isInstance)
                        .map(name -> ((SNIHostName) name).getAsciiName())
                        .forEach(serverNames::add);
            }
            paths.add(exchange.getRequestURI().getPath());
            byte[] body = "hello over TLS".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.stop(0);
    }

    @Test
    void sendsTheUrlsNameAndVerifiesTheCertificateAgainstItWhileConnectingToTheCheckedAddress() throws IOException {
        client = clientWhere(host -> new InetAddress[] {InetAddress.getLoopbackAddress()});

        HttpReply reply = client.send(HttpCall.get(URI.create("https://feeds.test:" + port() + "/feed.xml")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bodyText()).isEqualTo("hello over TLS");
        assertThat(serverNames)
                .as("SNI names the host of the URL, not the address")
                .contains("feeds.test");
        assertThat(paths).containsExactly("/feed.xml");
    }

    @Test
    void refusesACertificateForAnotherNameEvenAtTheCheckedAddress() {
        // mirror.test resolves, and is allowed, to the very address the feeds.test server listens on: the address
        // check passes, and only the certificate can tell that the server is not mirror.test.
        client = clientWhere(host -> new InetAddress[] {InetAddress.getLoopbackAddress()});

        assertThatThrownBy(() -> client.send(HttpCall.get(URI.create("https://mirror.test:" + port() + "/feed.xml"))))
                .isInstanceOf(SSLException.class)
                .hasMessageContaining("mirror.test");
        assertThat(paths)
                .as("nothing was sent to a server whose certificate is for another name")
                .isEmpty();
    }

    @Test
    void refusesAServerItsTrustStoreDoesNotKnow() throws Exception {
        client = new GuardedHttpClient(
                HttpPolicy.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                Set.of(InetAddress.getLoopbackAddress()),
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()},
                tlsTrusting(null));

        assertThatThrownBy(() -> client.send(HttpCall.get(URI.create("https://feeds.test:" + port() + "/feed.xml"))))
                .isInstanceOf(SSLException.class);
        assertThat(paths).isEmpty();
    }

    private GuardedHttpClient clientWhere(HostLookup names) {
        try {
            return new GuardedHttpClient(
                    HttpPolicy.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                    Set.of(InetAddress.getLoopbackAddress()),
                    names,
                    tlsTrusting(serverKeys));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context trusting the server's certificate, or only the JDK's own authorities for null. */
    private static SSLContext tlsTrusting(KeyStore server) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (server == null) {
            trust.init((KeyStore) null);
        } else {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("feeds", server.getCertificate("feeds"));
            trust.init(trusted);
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }

    private int port() {
        return server.getAddress().getPort();
    }
}
