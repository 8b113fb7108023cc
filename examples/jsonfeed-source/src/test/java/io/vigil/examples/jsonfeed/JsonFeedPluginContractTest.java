package io.vigil.examples.jsonfeed;

import io.vigil.spi.testkit.PluginContract;

/** The checks every Vigil plugin passes: it loads through ServiceLoader, its type and spec are well-formed. */
class JsonFeedPluginContractTest extends PluginContract {

    JsonFeedPluginContractTest() {
        super(JsonFeedPlugin.class);
    }
}
