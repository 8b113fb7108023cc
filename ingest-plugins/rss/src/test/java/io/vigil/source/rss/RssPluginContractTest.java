package io.vigil.source.rss;

import io.vigil.spi.testkit.PluginContract;

class RssPluginContractTest extends PluginContract {
    RssPluginContractTest() {
        super(RssPlugin.class);
    }
}
