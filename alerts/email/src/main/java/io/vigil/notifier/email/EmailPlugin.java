package io.vigil.notifier.email;

import io.vigil.spi.Plugin;
import io.vigil.spi.notify.NotifierFactory;
import java.util.List;

/** Contributes the {@code email} notifier type. */
public final class EmailPlugin implements Plugin {
    @Override
    public List<NotifierFactory> notifierFactories() {
        return List.of(new EmailNotifierFactory());
    }
}
