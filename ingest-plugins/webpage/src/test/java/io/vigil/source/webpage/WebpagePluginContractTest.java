package io.vigil.source.webpage;

import io.vigil.spi.testkit.PluginContract;

class WebpagePluginContractTest extends PluginContract {
    WebpagePluginContractTest() {
        super(WebpagePlugin.class);
    }
}
