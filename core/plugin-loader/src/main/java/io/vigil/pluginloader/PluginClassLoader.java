package io.vigil.pluginloader;

import io.vigil.spi.Plugin;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * The class loader of one third-party plugin: sees the JDK, the Vigil SPI and its own jars — nothing else of Vigil's
 * class path, so a plugin's libraries never clash with Vigil's or another plugin's.
 *
 * <p>The host loads plugin folders with it, and the test kit's {@code PluginContract} loads a plugin under test with
 * it, so a plugin that passes the contract loads the same way in production.
 *
 * <p>As in Trino's plugin loader, the parent is the JDK's platform loader, and only the SPI packages are delegated by
 * name to the loader that holds Vigil's copy of the SPI, so plugin and platform agree on the SPI types.
 */
public final class PluginClassLoader extends URLClassLoader {

    private static final String SPI_PACKAGE = "io.vigil.spi.";
    private static final String TESTKIT_PACKAGE = "io.vigil.spi.testkit.";

    private final ClassLoader spiLoader = Plugin.class.getClassLoader();

    static {
        registerAsParallelCapable();
    }

    /**
     * A loader for one plugin.
     *
     * @param name the plugin's name, shown in stack traces ({@code plugin-jsonfeed})
     * @param jars the plugin's jar and the jars of its own libraries (or class folders, in a plugin's tests)
     */
    public PluginClassLoader(String name, List<URL> jars) {
        super("plugin-" + name, jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE) && !name.startsWith(TESTKIT_PACKAGE)) {
            return spiLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
