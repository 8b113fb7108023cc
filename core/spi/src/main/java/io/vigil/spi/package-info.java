/**
 * The Vigil plugin SPI: everything a third-party source, rule type or notification channel compiles against.
 *
 * <h2>How a plugin is found and used</h2>
 * <ol>
 *   <li>A jar declares one {@link io.vigil.spi.Plugin} in {@code META-INF/services/io.vigil.spi.Plugin}. Vigil finds
 *       built-in and third-party plugins the same way, with {@link java.util.ServiceLoader}.
 *   <li>The plugin lists its factories. A factory <em>describes</em> a type: a stable lowercase
 *       {@linkplain io.vigil.spi.PluginFactory#type() type name}, a human label and a
 *       {@linkplain io.vigil.spi.config.ConfigSpec configuration spec}. Type names are unique across all plugins;
 *       Vigil refuses to start a duplicate.
 *   <li>Vigil validates a user's configuration against the spec before the plugin sees it, then calls
 *       {@code create(config, context)}; the product does the work ({@link io.vigil.spi.source.Source},
 *       {@link io.vigil.spi.rule.CompiledRule}, {@link io.vigil.spi.notify.Notifier}).
 *   <li>A plugin tells Vigil what to do about a failure by the exception it throws:
 *       {@link io.vigil.spi.TemporaryFailureException} (try again later) or
 *       {@link io.vigil.spi.PermanentFailureException} (give up and show the reason). Anything else it throws is
 *       treated as permanent for that call; it never takes the platform down.
 * </ol>
 *
 * <p>This package depends on the JDK alone. Host services reach a plugin through its {@code …Context} interface,
 * which only ever grows by {@code default} methods, so a plugin compiled against an older SPI keeps working.
 */
package io.vigil.spi;
