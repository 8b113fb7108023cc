package io.vigil.engine.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The masking of URLs inside free text: error messages and skipped items' reasons as a source records them. */
class CredentialMasksTextTest {

    @Test
    void masksUserInfoAndTokenParametersOfEveryUrlInAMessage() {
        String message = "GET https://reader:hunter2@feeds.example.org/f.xml?token=abc&lang=en failed (redirected to"
                + " 'http://x.example.org/?sig=s3cr3t#top'), then ftp://u@h.example.org/ and mailto:a@b.example.org";

        assertThat(CredentialMasks.maskedText(message))
                .isEqualTo("GET https://•••@feeds.example.org/f.xml?token=•••&lang=en failed (redirected to"
                        + " 'http://x.example.org/?sig=•••#top'), then ftp://•••@h.example.org/ and"
                        + " mailto:a@b.example.org");
    }

    @Test
    void leavesTextWithoutCredentialsAsItIs() {
        assertThat(CredentialMasks.maskedText(null)).isNull();
        assertThat(CredentialMasks.maskedText("the folder /x does not exist"))
                .isEqualTo("the folder /x does not exist");
        assertThat(CredentialMasks.maskedText("see https://example.org/a?lang=en."))
                .isEqualTo("see https://example.org/a?lang=en.");
        assertThat(CredentialMasks.maskedText(":// nothing before")).isEqualTo(":// nothing before");
    }

    @Test
    void masksUrlsThatDoNotParseAsUris() {
        assertThat(CredentialMasks.maskedText("bad https://u:p@host.example.org/a|c?key=k1^x end"))
                .isEqualTo("bad https://•••@host.example.org/a|c?key=••• end");
    }

    @Test
    void masksAnAlreadyMaskedTextToItself() {
        String masked = CredentialMasks.maskedText("https://u:p@h.example.org/?token=t");
        assertThat(CredentialMasks.maskedText(masked)).isEqualTo(masked);
    }

    private static final ConfigSpec CHAT = new ConfigSpec(List.of(
            ConfigField.of("url", "Webhook URL", FieldType.URL).asCredentialUrl(),
            ConfigField.of("botToken", "Bot token", FieldType.STRING).asSecret(),
            ConfigField.of("feed", "Feed URL", FieldType.URL),
            ConfigField.of("mode", "Mode", FieldType.STRING)));

    @Test
    void takesAPluginsOwnCredentialsOutOfItsMessageWhereverTheyStand() {
        Map<String, String> config = Map.of(
                "url", "https://hooks.chat.example/services/T0001/B0002/XyZsecret",
                "botToken", "123456:AAbbCCdd",
                "feed", "https://news.example.org/rss?lang=en",
                "mode", "html");
        String message = "POST https://hooks.chat.example/services/T0001/B0002/XyZsecret redirected 6 times;"
                + " /services/T0001/B0002/XyZsecret answered 404; GET /bot123456:AAbbCCdd/sendMessage failed;"
                + " html mode; feed https://news.example.org/rss?lang=en";

        assertThat(CredentialMasks.maskedText(message, CHAT, config))
                .isEqualTo("POST https://hooks.chat.example/••• redirected 6 times; /••• answered 404;"
                        + " GET /bot•••/sendMessage failed; html mode; feed https://news.example.org/rss?lang=en");
    }

    @Test
    void leavesAMessageAloneWhenItQuotesNoCredential() {
        Map<String, String> config = Map.of("url", "https://hooks.chat.example/", "botToken", "abc");
        assertThat(CredentialMasks.maskedText("connection refused by abc.example", CHAT, config))
                .isEqualTo("connection refused by abc.example");
        assertThat(CredentialMasks.maskedText(null, CHAT, config)).isNull();
    }
}
