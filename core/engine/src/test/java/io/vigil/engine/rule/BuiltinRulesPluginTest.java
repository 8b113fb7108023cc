package io.vigil.engine.rule;

import io.vigil.spi.testkit.PluginContract;

class BuiltinRulesPluginTest extends PluginContract {

    BuiltinRulesPluginTest() {
        super(BuiltinRulesPlugin.class);
    }
}
