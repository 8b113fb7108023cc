package io.vigil.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.spi.testkit.StandardWebhooksVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The signer and the test receiver's verifier against the test vector published with the Standard Webhooks libraries. */
class WebhookSignatureTest {

    // From the Standard Webhooks reference libraries' tests (standard-webhooks/standard-webhooks).
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(SECRET);

    @Test
    void signsThePublishedTestVector() {
        assertThat(WebhookSigner.current(SECRET).sign(ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void takesTheSecretWithOrWithoutItsPrefix() {
        assertThat(WebhookSigner.current(SECRET.substring("whsec_".length())).sign(ID, TIMESTAMP, BODY))
                .isEqualTo(SIGNATURE);
    }

    @Test
    void verifierAcceptsThePublishedTestVector() {
        assertThat(verifier.problem(ID, Long.toString(TIMESTAMP), SIGNATURE, BODY, Instant.ofEpochSecond(TIMESTAMP)))
                .isNull();
    }

    @Test
    void verifierAcceptsWhenOneOfSeveralSignaturesMatches() {
        String several = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc " + SIGNATURE;

        assertThat(verifier.problem(ID, Long.toString(TIMESTAMP), several, BODY, Instant.ofEpochSecond(TIMESTAMP)))
                .isNull();
    }

    @Test
    void verifierRefusesATamperedBody() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.problem(
                        ID, Long.toString(TIMESTAMP), SIGNATURE, tampered, Instant.ofEpochSecond(TIMESTAMP)))
                .isEqualTo("no signature matches");
    }

    @Test
    void verifierRefusesATimestampOutsideTheTolerance() {
        Instant sixMinutesLater = Instant.ofEpochSecond(TIMESTAMP).plusSeconds(6 * 60);
        Instant sixMinutesEarlier = Instant.ofEpochSecond(TIMESTAMP).minusSeconds(6 * 60);

        assertThat(verifier.problem(ID, Long.toString(TIMESTAMP), SIGNATURE, BODY, sixMinutesLater))
                .isEqualTo("the timestamp is outside the tolerance");
        assertThat(verifier.problem(ID, Long.toString(TIMESTAMP), SIGNATURE, BODY, sixMinutesEarlier))
                .isEqualTo("the timestamp is outside the tolerance");
    }

    @Test
    void theExampleInTheDocsHolds() throws Exception {
        Map<String, String> example = new HashMap<>();
        Matcher block = Pattern.compile("```text\\n(secret .*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("../../docs/webhooks.md")));
        assertThat(block.find()).isTrue();
        for (String line : block.group(1).split("\\n")) {
            String[] nameAndValue = line.split("\\s+", 2);
            example.put(nameAndValue[0], nameAndValue[1]);
        }

        String signature = WebhookSigner.current(example.get("secret"))
                .sign(
                        example.get("webhook-id"),
                        Long.parseLong(example.get("webhook-timestamp")),
                        example.get("body").getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo(example.get("webhook-signature"));
    }

    @Test
    void generatesSecretsOfThirtyTwoRandomBytes() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String secret = WebhookSecrets.generate();
            assertThat(secret).startsWith("whsec_");
            assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length())))
                    .hasSize(32);
            secrets.add(secret);
        }
        assertThat(secrets).hasSize(20);
    }

    @Test
    void refusesASecretThatIsNotBase64() {
        assertThatThrownBy(() -> WebhookSigner.current("whsec_not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the secret must be whsec_ followed by base64");
    }
}
