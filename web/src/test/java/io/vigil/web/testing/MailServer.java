package io.vigil.web.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real SMTP server, GreenMail, for the whole test run, and the application under test pointed at it
 * ({@code quarkus.mailer.port}).
 *
 * <p>One server lives as long as the application: the mailer keeps its SMTP connections open between messages, and a
 * server started and stopped per test left the pool holding a connection to a stopped server's session, so the next
 * test's mail vanished into it. Tests take the server with {@link #emptyInbox()}, which forgets earlier tests' mail.
 */
@QuarkusTestResource(value = MailServer.class, restrictToAnnotatedClass = false)
public class MailServer implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail server;

    @Override
    public Map<String, String> start() {
        GreenMail started = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        started.start();
        server = started;
        return Map.of("quarkus.mailer.port", Integer.toString(started.getSmtp().getPort()));
    }

    @Override
    public void stop() {
        GreenMail running = server;
        if (running != null) {
            running.stop();
        }
    }

    /** The application's SMTP server with no mail in it yet. */
    public static GreenMail emptyInbox() throws Exception {
        GreenMail running = server;
        if (running == null) {
            throw new IllegalStateException("the test mail server is not running");
        }
        running.purgeEmailFromAllMailboxes();
        return running;
    }
}
