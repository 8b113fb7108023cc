package io.vigil.notifier.email;

import io.vigil.spi.testkit.PluginContract;

class EmailPluginContractTest extends PluginContract {
    EmailPluginContractTest() {
        super(EmailPlugin.class);
    }
}
