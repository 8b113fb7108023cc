package io.vigil.pluginloader;

import io.vigil.spi.Plugin;
import io.vigil.spi.SpiVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Reads what a plugin folder's jars declare about themselves: the SPI version of the jars that hold a plugin. */
public final class PluginManifests {

    private static final String SERVICES = "META-INF/services/" + Plugin.class.getName();

    private PluginManifests() {}

    /**
     * Why the plugin in these jars cannot be loaded by this Vigil, or {@code null} when every jar naming an {@link
     * Plugin} service declares an SPI version this Vigil provides. Jars without a plugin service (its libraries) are
     * not asked.
     */
    public static String incompatibility(List<Path> jars) throws IOException {
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                if (file.getEntry(SERVICES) == null) {
                    continue;
                }
                Manifest manifest = file.getManifest();
                String declared = manifest == null
                        ? null
                        : manifest.getMainAttributes().getValue(new Attributes.Name(SpiVersion.MANIFEST_ATTRIBUTE));
                String problem = SpiVersion.incompatibility(declared);
                if (problem != null) {
                    return jar.getFileName() + " " + problem;
                }
            }
        }
        return null;
    }
}
