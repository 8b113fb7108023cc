package io.vigil.source.folder;

import io.vigil.spi.testkit.PluginContract;

class FolderPluginContractTest extends PluginContract {
    FolderPluginContractTest() {
        super(FolderPlugin.class);
    }
}
