package io.vigil.notifier.webhook;

import java.util.Arrays;
import java.util.List;

/** The body a webhook channel posts: Vigil's own signed JSON, or a message for a Slack-compatible incoming webhook. */
enum WebhookFormat {
    /** The versioned JSON document described in {@code docs/webhooks.md}. */
    VIGIL("vigil"),
    /** {@code text} and Block Kit {@code blocks} with mrkdwn, which Slack, Mattermost and Rocket.Chat accept. */
    SLACK("slack");

    private final String configValue;

    WebhookFormat(String configValue) {
        this.configValue = configValue;
    }

    String configValue() {
        return configValue;
    }

    static List<String> configValues() {
        return Arrays.stream(values()).map(WebhookFormat::configValue).toList();
    }

    static WebhookFormat fromConfig(String value) {
        return Arrays.stream(values())
                .filter(format -> format.configValue.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown webhook format '" + value + "'"));
    }
}
