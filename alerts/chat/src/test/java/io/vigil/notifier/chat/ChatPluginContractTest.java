package io.vigil.notifier.chat;

import io.vigil.spi.testkit.PluginContract;

class ChatPluginContractTest extends PluginContract {
    ChatPluginContractTest() {
        super(ChatPlugin.class);
    }
}
