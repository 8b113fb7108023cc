package io.vigil.engine.plugin;

import io.vigil.spi.Plugin;
import io.vigil.spi.SpiVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar for a test: compiles Java sources against the SPI with the JDK's compiler and packs the
 * classes with a {@code META-INF/services/io.vigil.spi.Plugin} file, as a plugin author's build would.
 */
final class PluginJar {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private String spiVersion = SpiVersion.CURRENT;

    /** Adds a class; {@code className} is fully qualified, {@code code} its whole source file. */
    PluginJar withClass(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Names a plugin class in the services file (it need not exist: a broken plugin). */
    PluginJar withService(String className) {
        services.add(className);
        return this;
    }

    /** The SPI version the manifest declares; {@code null} leaves the attribute out. */
    PluginJar withSpiVersion(String version) {
        spiVersion = version;
        return this;
    }

    /** Compiles and writes the jar as {@code folder/name}, creating the folder. */
    Path writeTo(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Path work = Files.createTempDirectory("plugin-src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        if (!files.isEmpty()) {
            compile(files, classes);
        }
        Path jar = folder.resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (spiVersion != null) {
            manifest.getMainAttributes().putValue(SpiVersion.MANIFEST_ATTRIBUTE, spiVersion);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + Plugin.class.getName()));
            out.write(String.join("\n", services).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static void compile(List<String> files, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(
                List.of("--release", "21", "-classpath", spiLocation(), "-d", classes.toString(), "-proc:none"));
        arguments.addAll(files);
        StringWriter errors = new StringWriter();
        int status = compiler.run(
                null, OutputStream.nullOutputStream(), new WriterStream(errors), arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IOException("test plugin does not compile: " + errors);
        }
    }

    private static String spiLocation() {
        try {
            return Path.of(Plugin.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects compiler messages as text. */
    private static final class WriterStream extends OutputStream {
        private final StringWriter target;

        WriterStream(StringWriter target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
        }
    }

    /** The source of a plugin class contributing one source type per name given. */
    static String sourcePlugin(String packageName, String className, String... types) {
        StringBuilder factories = new StringBuilder();
        for (String type : types) {
            if (!factories.isEmpty()) {
                factories.append(", ");
            }
            factories.append("new Factory(\"").append(type).append("\")");
        }
        return """
                package %s;

                import io.vigil.spi.Plugin;
                import io.vigil.spi.config.ConfigField;
                import io.vigil.spi.config.ConfigSpec;
                import io.vigil.spi.config.FieldType;
                import io.vigil.spi.config.PluginConfig;
                import io.vigil.spi.source.Cursor;
                import io.vigil.spi.source.Source;
                import io.vigil.spi.source.SourceContext;
                import io.vigil.spi.source.SourceFactory;
                import java.util.List;

                public class %s implements Plugin {
                    @Override
                    public List<SourceFactory> sourceFactories() {
                        return List.of(%s);
                    }

                    static final class Factory implements SourceFactory {
                        private final String type;

                        Factory(String type) {
                            this.type = type;
                        }

                        public String type() {
                            return type;
                        }

                        public String label() {
                            return "Test " + type;
                        }

                        public String description() {
                            try {
                                Class.forName("io.vigil.engine.plugin.PluginRegistry", false, getClass().getClassLoader());
                                return "sees the engine";
                            } catch (ClassNotFoundException e) {
                                return "sees only the SPI";
                            }
                        }

                        public ConfigSpec configSpec() {
                            if (type.startsWith("broken-spec")) {
                                throw new IllegalStateException("spec not ready");
                            }
                            return ConfigSpec.of(ConfigField.of("url", "Address", FieldType.URL).asRequired());
                        }

                        public Source create(PluginConfig config, SourceContext context) {
                            return (Cursor cursor, io.vigil.spi.source.DocumentSink sink) -> cursor;
                        }
                    }
                }
                """
                .formatted(packageName, className, factories);
    }
}
