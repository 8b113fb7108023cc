package io.vigil.spi.notify;

import java.time.Instant;
import java.util.Map;

/**
 * A channel's configuration after its generated secret was replaced: the platform saves {@code config}, shows
 * {@code secret} to the user once, and tells them until when the replaced secret keeps working.
 *
 * @param config the whole new configuration, plain (the platform seals its secret fields)
 * @param secret the new secret
 * @param replacedUntil when the replaced secret stops working, or {@code null} when it stopped at once
 */
public record RotatedSecret(Map<String, String> config, String secret, Instant replacedUntil) {
    public RotatedSecret {
        config = Map.copyOf(config);
    }
}
