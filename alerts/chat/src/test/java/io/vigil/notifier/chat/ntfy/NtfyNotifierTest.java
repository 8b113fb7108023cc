package io.vigil.notifier.chat.ntfy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.notifier.chat.FakeService.Answer;
import io.vigil.notifier.chat.FakeService.Request;
import io.vigil.notifier.chat.Notices;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.notify.DeliveryReceipt;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.testkit.FakeNotifierContext;
import io.vigil.spi.testkit.Notifications;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NtfyNotifierTest {

    private final NtfyNotifierFactory factory = new NtfyNotifierFactory();

    private Notifier notifier(Map<String, String> settings) throws Exception {
        return factory.create(
                factory.configSpec().validate(settings),
                FakeNotifierContext.create()
                        .withBaseUrl(Notices.BASE_URL)
                        .withHttp(new io.vigil.spi.testkit.PlainOutboundHttp()));
    }

    private Notifier notifier(FakeNtfy ntfy, String token) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("url", ntfy.topicUrl(), "priority", "high"));
        if (token != null) {
            settings.put("token", token);
        }
        return notifier(settings);
    }

    @Test
    void publishesTheStoryWithTitleClickTagsPriorityAndAMarkdownBody() throws Exception {
        try (FakeNtfy ntfy = new FakeNtfy("tk_secret")) {
            DeliveryReceipt receipt = notifier(ntfy, "tk_secret").deliver(Notices.alert("n-1"));

            assertThat(receipt.statusCode()).isEqualTo(200);
            assertThat(receipt.response()).isEqualTo("message msg1");
            Request request = ntfy.last();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(FakeNtfy.title(request)).isEqualTo("Story");
            assertThat(request.header("X-Click")).isEqualTo("https://vigil.example/alerts/7");
            assertThat(request.header("X-Tags")).isEqualTo("newspaper");
            assertThat(request.header("X-Priority")).isEqualTo("high");
            assertThat(request.header("X-Markdown")).isEqualTo("yes");
            assertThat(request.header("Authorization")).isEqualTo("Bearer tk_secret");
            assertThat(request.bodyText())
                    .startsWith("**New story for \u201cMosul\u201d**")
                    .contains("**[Story](<https://vigil.example/alerts/7>)**")
                    .contains("Reported by [Example News](<https://news.example/articles/42>)")
                    .contains("> Engineers began work on the **fortifications** north of **Mosul** on Monday.")
                    .endsWith("[Open in Vigil](<https://vigil.example/alerts/7>)");
        }
    }

    @Test
    void encodesATitleThatIsNotAsciiSoNtfyShowsItWhole() throws Exception {
        try (FakeNtfy ntfy = new FakeNtfy(null)) {
            notifier(ntfy, null)
                    .deliver(Notifications.single(
                            "n-2", Notifications.alert(7, 3, "Mosul", 42, "Mossoul : l\u2019\u00e9tat")));

            assertThat(ntfy.last().header("X-Title")).startsWith("=?UTF-8?B?");
            assertThat(FakeNtfy.title(ntfy.last())).isEqualTo("Mossoul : l\u2019\u00e9tat");
            assertThat(ntfy.last().header("Authorization")).isNull();
        }
    }

    @Test
    void escapesMarkdownAnArticleTriesToSlipIn() throws Exception {
        try (FakeNtfy ntfy = new FakeNtfy(null)) {
            notifier(ntfy, null).deliver(Notices.hostile("n-3"));

            String body = ntfy.last().bodyText();
            assertThat(body).contains("\\<b\\>Breaking\\</b\\> \\& \\[click\\](https://evil.example) \\*now\\*");
            assertThat(body).doesNotContain("(<https://evil.example>)").doesNotContain("javascript:");
            assertThat(body).contains("\\<b\\>**Mosul**\\</b\\>");
        }
    }

    @Test
    void keepsADigestWithinNtfysMessageSize() throws Exception {
        try (FakeNtfy ntfy = new FakeNtfy(null)) {
            assertThat(notifier(ntfy, null).deliver(Notices.digest("n-4", 60)).statusCode())
                    .isEqualTo(200);

            byte[] body = ntfy.last().body();
            assertThat(body.length).isLessThanOrEqualTo(4096);
            assertThat(new String(body, StandardCharsets.UTF_8))
                    .startsWith("**Digest: 60 stories for 2 rules**")
                    .containsPattern("\u2026and \\d+ more stories in Vigil\\]\\(<https://vigil.example/alerts>\\)$");
            assertThat(FakeNtfy.title(ntfy.last())).isEqualTo("Digest: 60 stories for 2 rules");
            assertThat(ntfy.last().header("X-Click")).isEqualTo("https://vigil.example/alerts");
        }
    }

    @Test
    void aMissingOrWrongTokenIsRefusedCredentialsAndNotRetried() throws Exception {
        try (FakeNtfy ntfy = new FakeNtfy("tk_secret")) {
            assertThatThrownBy(() -> notifier(ntfy, null).deliver(Notices.alert("n-5")))
                    .isInstanceOfSatisfying(PermanentFailureException.class, failure -> assertThat(failure.statusCode())
                            .isEqualTo(401))
                    .hasMessage("the service refused the credentials (ntfy answered HTTP 401: unauthorized)");
            assertThatThrownBy(() -> notifier(ntfy, "tk_wrong").deliver(Notices.alert("n-5")))
                    .isInstanceOf(PermanentFailureException.class)
                    .hasMessage("the service refused the credentials (ntfy answered HTTP 403: forbidden)");
        }
    }

    @Test
    void aRateLimitIsRetriedAfterItsRetryAfter() throws Exception {
        try (FakeNtfy ntfy = new FakeNtfy(null)) {
            ntfy.thenAnswer(new Answer(
                    429,
                    Map.of("Content-Type", "application/json", "Retry-After", "30"),
                    "{\"code\":42901,\"http\":429,\"error\":\"limit reached: too many requests\"}"));

            assertThatThrownBy(() -> notifier(ntfy, null).deliver(Notices.alert("n-6")))
                    .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> {
                        assertThat(failure.statusCode()).isEqualTo(429);
                        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(30));
                    })
                    .hasMessage("ntfy answered HTTP 429: limit reached: too many requests");
        }
    }

    @Test
    void refusesAUrlWithoutATopic() {
        assertThatThrownBy(() -> notifier(Map.of("url", "https://ntfy.sh/")))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("topic");
    }
}
