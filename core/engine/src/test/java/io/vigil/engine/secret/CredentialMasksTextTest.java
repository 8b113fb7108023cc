package io.vigil.engine.secret;

import static org.assertj.core.api.Assertions.assertThat;

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
}
