package io.vigil.notifier.webhook;

import io.vigil.spi.Plugin;
import io.vigil.spi.notify.NotifierFactory;
import java.util.List;

/** Contributes the {@code webhook} notifier type. */
public final class WebhookPlugin implements Plugin {
    @Override
    public List<NotifierFactory> notifierFactories() {
        return List.of(new WebhookNotifierFactory());
    }
}
