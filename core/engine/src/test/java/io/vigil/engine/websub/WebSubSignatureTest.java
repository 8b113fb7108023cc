package io.vigil.engine.websub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSubSignatureTest {

    private static final byte[] BODY =
            "<rss><channel><item><title>Hi</title></item></channel></rss>".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsTheHmacOfTheBodyWithTheSubscriptionsSecret() {
        String signed = WebSubSignature.sign("secret", BODY);

        assertThat(signed).startsWith("sha256=").hasSize(7 + 64);
        assertThat(WebSubSignature.verifies(signed, "secret", BODY)).isTrue();
        assertThat(WebSubSignature.verifies(signed.toUpperCase().replace("SHA256=", "sha256="), "secret", BODY))
                .isTrue();
    }

    @Test
    void refusesAMissingForgedOrMalformedSignature() {
        String signed = WebSubSignature.sign("secret", BODY);

        assertThat(WebSubSignature.verifies(null, "secret", BODY)).isFalse();
        assertThat(WebSubSignature.verifies(signed, "other", BODY)).isFalse();
        assertThat(WebSubSignature.verifies(signed, "secret", "changed".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(WebSubSignature.verifies("md5=abcd", "secret", BODY)).isFalse();
        assertThat(WebSubSignature.verifies("sha256=zz", "secret", BODY)).isFalse();
        assertThat(WebSubSignature.verifies("sha256", "secret", BODY)).isFalse();
    }

    @Test
    void acceptsTheOtherMethodsAHubMayChoose() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String sha1 = "sha1=" + java.util.HexFormat.of().formatHex(mac.doFinal(BODY));

        assertThat(WebSubSignature.verifies(sha1, "secret", BODY)).isTrue();
    }
}
