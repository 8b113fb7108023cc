package io.vigil.engine.plugin;

import io.vigil.pluginloader.PluginClassLoader;
import io.vigil.pluginloader.PluginManifests;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One third-party plugin: a sub-folder of the plugins folder holding its jar and the jars it needs, loaded in a class
 * loader of its own.
 */
record PluginFolder(Path path, ClassLoader classLoader) {

    /** The plugin folders under {@code pluginsFolder}, sorted by name; problems are added to {@code problems}. */
    static List<PluginFolder> scan(Path pluginsFolder, List<String> problems) {
        List<PluginFolder> folders = new ArrayList<>();
        if (pluginsFolder == null || !Files.isDirectory(pluginsFolder)) {
            return folders;
        }
        try (Stream<Path> children = Files.list(pluginsFolder)) {
            for (Path folder : children.filter(Files::isDirectory).sorted().toList()) {
                List<URL> jars = jarsIn(folder);
                if (jars.isEmpty()) {
                    problems.add("plugin folder " + folder + " holds no .jar file");
                    continue;
                }
                String incompatible = PluginManifests.incompatibility(jarPaths(jars));
                if (incompatible != null) {
                    problems.add("plugin folder " + folder + " is not loaded: " + incompatible);
                    continue;
                }
                folders.add(new PluginFolder(
                        folder, new PluginClassLoader(folder.getFileName().toString(), jars)));
            }
        } catch (IOException e) {
            problems.add("cannot read plugins folder " + pluginsFolder + ": " + e.getMessage());
        }
        return folders;
    }

    private static List<Path> jarPaths(List<URL> jars) {
        return jars.stream()
                .map(url -> {
                    try {
                        return Path.of(url.toURI());
                    } catch (java.net.URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static List<URL> jarsIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar :
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                try {
                    urls.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IOException("bad jar path " + jar, e);
                }
            }
            return urls;
        }
    }
}
