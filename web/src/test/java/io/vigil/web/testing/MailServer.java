package io.vigil.web.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Gives the application under test an SMTP port of its own ({@code quarkus.mailer.port}), and tests a real SMTP server,
 * GreenMail, listening on it while they need one.
 *
 * <p>The port is chosen free at start-up so parallel test runs on one machine do not meet; a test starts GreenMail on
 * it with {@link #listen()} and stops it when done, so without a running server mail delivery fails like a mail server
 * that is down.
 */
@QuarkusTestResource(value = MailServer.class, restrictToAnnotatedClass = false)
public class MailServer implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Map.of("quarkus.mailer.port", Integer.toString(socket.getLocalPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the test mail server", e);
        }
    }

    @Override
    public void stop() {}

    /** Starts GreenMail on the application's SMTP port; stop it after the test. */
    public static GreenMail listen() {
        int port = ConfigProvider.getConfig().getValue("quarkus.mailer.port", Integer.class);
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }
}
