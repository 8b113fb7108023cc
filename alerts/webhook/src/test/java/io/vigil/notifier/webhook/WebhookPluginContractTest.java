package io.vigil.notifier.webhook;

import io.vigil.spi.testkit.PluginContract;

class WebhookPluginContractTest extends PluginContract {
    WebhookPluginContractTest() {
        super(WebhookPlugin.class);
    }
}
