package io.vigil.engine.plugin;

import io.vigil.spi.PluginFactory;
import io.vigil.spi.PluginKind;

/**
 * One installed plugin type.
 *
 * @param kind source, rule or notifier
 * @param factory the plugin's factory, which describes the type
 * @param origin {@code built-in}, or the plugin folder it came from
 */
public record InstalledType(PluginKind kind, PluginFactory factory, String origin) {}
