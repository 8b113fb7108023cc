package io.vigil.notifier.email;

import static io.vigil.spi.testkit.Notifications.CREATED;
import static io.vigil.spi.testkit.Notifications.alert;
import static io.vigil.spi.testkit.Notifications.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.notify.DeliveryReceipt;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.testkit.FakeNotifierContext;
import io.vigil.spi.testkit.SmtpMailSender;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailNotifierTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final EmailNotifierFactory factory = new EmailNotifierFactory();

    private Notifier notifierFor(String to) throws Exception {
        return notifierFor(
                to, new SmtpMailSender("localhost", greenMail.getSmtp().getPort(), "vigil@example.org"));
    }

    private Notifier notifierFor(String to, SmtpMailSender sender) throws Exception {
        FakeNotifierContext context = FakeNotifierContext.create()
                .withChannelName("Analysts")
                .withBaseUrl("https://vigil.example")
                .withMail(sender);
        return factory.create(factory.configSpec().validate(Map.of("to", to)), context);
    }

    private MimeMessage onlyMessage() {
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] messages = greenMail.getReceivedMessages();
        assertThat(messages).hasSize(1);
        return messages[0];
    }

    private static String part(MimeMessage message, String mediaType) throws Exception {
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart part = alternative.getBodyPart(i);
            if (part.isMimeType(mediaType)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + mediaType + " part in " + message.getContentType());
    }

    @Test
    void sendsAnAlertWithAPlainTextAndAnHtmlPart() throws Exception {
        notifierFor("analyst@example.org")
                .deliver(single("n-1", alert(7, 3, "Mosul fortifications", 42, "Mosul defences grow")));

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("[Vigil] Mosul fortifications: Mosul defences grow");
        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        for (String body : List.of(part(message, "text/plain"), part(message, "text/html"))) {
            assertThat(body)
                    .contains("Mosul fortifications")
                    .contains("fortif* AND Mosul")
                    .contains("Mosul defences grow")
                    .contains("Work starts on Mosul defences grow")
                    .contains("Example News")
                    .contains("3 Mar 2025, 14:05 UTC")
                    .contains("https://news.example/articles/42")
                    .contains("https://vigil.example/alerts/7");
        }
    }

    @Test
    void tellsTheRecipientHowToStopTheMailsWithLinksToTheRuleAndTheChannels() throws Exception {
        notifierFor("analyst@example.org")
                .deliver(single("n-stop", alert(7, 3, "Mosul fortifications", 42, "Mosul defences grow")));

        MimeMessage message = onlyMessage();
        assertThat(part(message, "text/plain"))
                .contains("Rule's page: https://vigil.example/rules/3")
                .contains("To stop these e-mails, untick this channel on the rule's page, or disable the rule.")
                .contains("An admin can turn the whole channel off: https://vigil.example/channels");
        assertThat(part(message, "text/html"))
                .contains("<a href=\"https://vigil.example/rules/3\"")
                .contains("To stop these e-mails")
                .contains("<a href=\"https://vigil.example/channels\"");
    }

    @Test
    void marksTheMatchedTermsInBothParts() throws Exception {
        notifierFor("analyst@example.org").deliver(single("n-2", alert(7, 3, "Mosul", 42, "Mosul defences grow")));

        MimeMessage message = onlyMessage();
        assertThat(part(message, "text/plain"))
                .contains("> Engineers began work on the «fortifications» north of «Mosul» on Monday.");
        assertThat(part(message, "text/html"))
                .containsPattern("the <mark[^>]*>fortifications</mark> north of <mark[^>]*>Mosul</mark> on");
    }

    @Test
    void escapesMarkupThatComesWithTheArticles() throws Exception {
        AlertNotice hostile = new AlertNotice(
                8,
                3,
                "Mosul <b>rule</b>",
                "Mosul",
                43,
                "<script>alert('x')</script> & more",
                List.of(new ArticleNotice(
                        1, "<img src=x onerror=alert(1)>", "javascript:alert(1)", "Evil \"Outlet\"", null)),
                List.of(),
                "/alerts/8");

        notifierFor("analyst@example.org").deliver(single("n-3", hostile));

        String html = part(onlyMessage(), "text/html");
        assertThat(html)
                .doesNotContain("<script>")
                .doesNotContain("<img")
                .doesNotContain("<b>rule")
                .doesNotContain("javascript:")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("Evil &quot;Outlet&quot;");
    }

    @Test
    void keepsTheMessageIdOfTheNotificationOnEveryAttempt() throws Exception {
        Notifier notifier = notifierFor("analyst@example.org");
        Notification notification = single("0f4c7a2e-9b1d-4c55-a0f1-2b3c4d5e6f70", alert(7, 3, "Mosul", 42, "Story"));

        notifier.deliver(notification);
        notifier.deliver(notification);

        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages())
                .extracting(MimeMessage::getMessageID)
                .containsExactly(
                        "<0f4c7a2e-9b1d-4c55-a0f1-2b3c4d5e6f70@vigil>", "<0f4c7a2e-9b1d-4c55-a0f1-2b3c4d5e6f70@vigil>");
    }

    @Test
    void sendsToEveryAddressOfTheChannel() throws Exception {
        notifierFor("one@example.org, two@example.org").deliver(single("n-4", alert(7, 3, "Mosul", 42, "Story")));

        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages())
                .extracting(message -> message.getRecipients(jakarta.mail.Message.RecipientType.TO).length)
                .containsOnly(2);
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void groupsTheStoriesOfADigestUnderTheirRules() throws Exception {
        Notification digest = new Notification(
                "n-5",
                Notification.Kind.DIGEST,
                CREATED,
                List.of(
                        alert(1, 10, "Mosul fortifications", 100, "First Mosul story"),
                        alert(2, 20, "Basra ports", 200, "Basra harbour reopens"),
                        alert(3, 10, "Mosul fortifications", 101, "Second Mosul story")));

        notifierFor("analyst@example.org").deliver(digest);

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("[Vigil] Digest: 3 stories for 2 rules");
        for (String body : List.of(part(message, "text/plain"), part(message, "text/html"))) {
            int mosulRule = body.indexOf("Rule: Mosul fortifications");
            int basraRule = body.indexOf("Rule: Basra ports");
            assertThat(mosulRule).isNotNegative().isLessThan(basraRule);
            assertThat(body.indexOf("First Mosul story")).isBetween(mosulRule, basraRule);
            assertThat(body.indexOf("Second Mosul story")).isBetween(mosulRule, basraRule);
            assertThat(body.indexOf("Basra harbour reopens")).isGreaterThan(basraRule);
            assertThat(body.split("Rule: Mosul fortifications", -1)).hasSize(2);
        }
        assertThat(part(message, "text/html").split("class=\"story\"", -1)).hasSize(4);
    }

    @Test
    void sendsAShortTestMessage() throws Exception {
        notifierFor("analyst@example.org").deliver(new Notification("n-6", Notification.Kind.TEST, CREATED, List.of()));

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("[Vigil] Test message for channel \u201cAnalysts\u201d");
        assertThat(part(message, "text/plain")).contains("This is a test of the channel \u201cAnalysts\u201d");
        assertThat(message.getHeader("X-Vigil-Kind")).containsExactly("test");
    }

    @Test
    void keepsASubjectBuiltFromAHostileTitleOnOneLine() throws Exception {
        notifierFor("analyst@example.org")
                .deliver(single("n-7", alert(7, 3, "Mosul", 42, "Title\r\nBcc: victim@example.org")));

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("[Vigil] Mosul: Title Bcc: victim@example.org");
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void reportsTheServersAnswerInTheReceipt() throws Exception {
        DeliveryReceipt receipt =
                notifierFor("analyst@example.org").deliver(single("n-8", alert(7, 3, "Mosul", 42, "Story")));

        assertThat(receipt.statusCode()).isEqualTo(250);
        assertThat(receipt.response()).startsWith("250");
    }

    @Test
    void treatsARefusedRecipientAsPermanent() throws Exception {
        try (ScriptedSmtpServer server =
                new ScriptedSmtpServer("550 5.1.1 <nobody@example.org>: no such user", "250 Ok")) {
            Notifier notifier = notifierFor(
                    "nobody@example.org", new SmtpMailSender("localhost", server.port(), "vigil@example.org"));

            assertThatThrownBy(() -> notifier.deliver(single("n-9", alert(7, 3, "Mosul", 42, "Story"))))
                    .isInstanceOf(PermanentFailureException.class)
                    .hasMessageContaining("550")
                    .hasMessageContaining("no such user");
        }
    }

    @Test
    void treatsADeferredMessageAsTemporary() throws Exception {
        try (ScriptedSmtpServer server =
                new ScriptedSmtpServer("250 2.1.5 Ok", "451 4.7.1 Greylisted, please try again later")) {
            Notifier notifier = notifierFor(
                    "analyst@example.org", new SmtpMailSender("localhost", server.port(), "vigil@example.org"));

            assertThatThrownBy(() -> notifier.deliver(single("n-10", alert(7, 3, "Mosul", 42, "Story"))))
                    .isInstanceOf(TemporaryFailureException.class)
                    .hasMessageContaining("451")
                    .hasMessageContaining("Greylisted");
        }
    }

    @Test
    void treatsAnUnreachableServerAsTemporary() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Notifier notifier = notifierFor(
                "analyst@example.org",
                new SmtpMailSender("localhost", closedPort, "vigil@example.org").withTimeout(Duration.ofSeconds(2)));

        assertThatThrownBy(() -> notifier.deliver(single("n-11", alert(7, 3, "Mosul", 42, "Story"))))
                .isInstanceOf(TemporaryFailureException.class)
                .hasMessageContaining("cannot send through localhost:" + closedPort);
    }

    @Test
    void refusesToStartOnAHostWithoutMail() {
        assertThatThrownBy(() -> factory.create(
                        factory.configSpec().validate(Map.of("to", "analyst@example.org")),
                        FakeNotifierContext.create()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("no mail server");
    }

    @Test
    void refusesARecipientThatIsNoAddress() {
        assertThatThrownBy(() -> factory.configSpec().validate(Map.of("to", "analyst@example.org, not-an-address")))
                .hasMessageContaining("'not-an-address' is not an e-mail address");
    }
}
