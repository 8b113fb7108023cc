package io.vigil.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushTokenTest {

    @Test
    void aTokenIsLongRandomAndRecognisableByItsPrefix() {
        String one = PushToken.generate();
        String two = PushToken.generate();

        assertThat(one).startsWith("vps_").hasSize(4 + 43).isNotEqualTo(two);
        assertThat(PushToken.looksLike(one)).isTrue();
        assertThat(PushToken.looksLike("vigil_api_token")).isFalse();
    }

    @Test
    void onlyTheHashIsKeptOnTheSource() {
        ConfiguredSource source = new ConfiguredSource();

        String token = source.issuePushToken(Instant.EPOCH);

        assertThat(source.pushTokenHash).hasSize(64).isNotEqualTo(token).doesNotContain(token);
        assertThat(source.pushTokenHash).isEqualTo(PushToken.hash(token));
        assertThat(source.pushTokenCreatedAt).isEqualTo(Instant.EPOCH);
    }

    @Test
    void issuingAgainReplacesTheTokenAndRevokingRemovesIt() {
        ConfiguredSource source = new ConfiguredSource();
        String first = source.issuePushToken(Instant.EPOCH);

        String second = source.issuePushToken(Instant.EPOCH);

        assertThat(source.pushTokenHash).isEqualTo(PushToken.hash(second)).isNotEqualTo(PushToken.hash(first));
        source.revokePushToken();
        assertThat(source.pushTokenHash).isNull();
        assertThat(source.pushTokenCreatedAt).isNull();
    }

    @Test
    void readsTheTokenFromEitherHeaderAndLeavesOtherBearerTokensAlone() {
        assertThat(PushToken.carried(List.of("Bearer vps_abc"), null)).contains("vps_abc");
        assertThat(PushToken.carried(List.of("bearer  vps_abc "), null)).contains("vps_abc");
        assertThat(PushToken.carried(List.of(), "vps_def")).contains("vps_def");
        assertThat(PushToken.carried(List.of("Bearer vps_abc"), "vps_def")).contains("vps_def");
        assertThat(PushToken.carried(List.of("Basic dXNlcjpwYXNz", "Bearer vps_abc"), null))
                .contains("vps_abc");
        assertThat(PushToken.carried(List.of("Bearer vat_api_token"), null)).isEmpty();
        assertThat(PushToken.carried(List.of("Bearer vgl_api_token"), null)).isEmpty();
        assertThat(PushToken.carried(List.of("Basic dXNlcjpwYXNz"), null)).isEmpty();
        assertThat(PushToken.carried(List.of(), null)).isEmpty();
    }

    @Test
    void anyPushTokenHeaderCountsAsCarriedEvenWhenItCannotBeARealToken() {
        // these must be refused, not mistaken for "no push token": the request is judged by the token it carries
        assertThat(PushToken.carried(List.of(), "")).contains("");
        assertThat(PushToken.carried(List.of(), "  ")).contains("");
        assertThat(PushToken.carried(List.of("Bearer vps_"), null)).contains("vps_");
        assertThat(PushToken.carried(List.of("Bearer VPS_x"), null)).contains("VPS_x");
        assertThat(PushToken.carried(List.of("BEARER Vps_x"), null)).contains("Vps_x");
        assertThat(PushToken.looksLike("vps_")).isFalse();
        assertThat(PushToken.looksLike("VPS_x")).isFalse();
    }
}
