package io.vigil.engine.plugin;

import static io.vigil.engine.plugin.PluginJar.sourcePlugin;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.pluginloader.PluginClassLoader;
import io.vigil.spi.PluginKind;
import io.vigil.spi.SpiVersion;
import io.vigil.spi.source.SourceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    @TempDir
    Path plugins;

    PluginRegistry load() {
        return PluginRegistry.load(getClass().getClassLoader(), plugins);
    }

    static PluginJar gazette() {
        return new PluginJar()
                .withClass(
                        "com.example.gazette.GazettePlugin",
                        sourcePlugin("com.example.gazette", "GazettePlugin", "gazette"))
                .withService("com.example.gazette.GazettePlugin");
    }

    @Test
    void findsTheBuiltInsOnTheClassPath() {
        PluginRegistry registry = load();

        assertThat(registry.typeNames(PluginKind.SOURCE)).contains("push");
        assertThat(registry.typeNames(PluginKind.RULE)).contains("query", "regex");
        assertThat(registry.all())
                .filteredOn(t -> t.factory().type().equals("push"))
                .extracting(InstalledType::origin)
                .containsExactly("built-in");
        assertThat(registry.problems()).isEmpty();
    }

    @Test
    void loadsAPluginFolderInAClassLoaderThatSharesOnlyTheSpi() throws Exception {
        gazette().writeTo(plugins.resolve("gazette"), "gazette-1.0.jar");

        PluginRegistry registry = load();

        SourceFactory factory = registry.sourceFactory("gazette").orElseThrow();
        assertThat(factory.label()).isEqualTo("Test gazette");
        assertThat(factory.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
        assertThat(factory.description()).isEqualTo("sees only the SPI");
        assertThat(registry.all())
                .filteredOn(t -> t.factory().type().equals("gazette"))
                .extracting(InstalledType::origin)
                .containsExactly(plugins.resolve("gazette").toString());
        assertThat(registry.problems()).isEmpty();
    }

    @Test
    void aTypeNameThatIsAlreadyTakenIsReportedAndTheInstalledOneStays() throws Exception {
        new PluginJar()
                .withClass(
                        "com.example.clash.ClashPlugin",
                        sourcePlugin("com.example.clash", "ClashPlugin", "push", "clash"))
                .withService("com.example.clash.ClashPlugin")
                .writeTo(plugins.resolve("clash"), "clash.jar");
        gazette().writeTo(plugins.resolve("gazette-a"), "gazette.jar");
        gazette().writeTo(plugins.resolve("gazette-b"), "gazette.jar");

        PluginRegistry registry = load();

        assertThat(registry.sourceFactory("push").orElseThrow().getClass().getClassLoader())
                .isNotInstanceOf(PluginClassLoader.class);
        assertThat(registry.sourceFactory("clash")).isPresent();
        assertThat(registry.problems())
                .hasSize(2)
                .anySatisfy(problem -> assertThat(problem)
                        .contains("source type 'push' from " + plugins.resolve("clash"))
                        .contains("is already provided by built-in"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("source type 'gazette' from " + plugins.resolve("gazette-b"))
                        .contains("is already provided by " + plugins.resolve("gazette-a")));
    }

    @Test
    void brokenPluginsAreReportedAndDoNotStopTheOthers() throws Exception {
        new PluginJar().withService("com.example.gone.GonePlugin").writeTo(plugins.resolve("gone"), "gone.jar");
        new PluginJar()
                .withClass(
                        "com.example.angry.AngryPlugin",
                        """
                        package com.example.angry;

                        public class AngryPlugin implements io.vigil.spi.Plugin {
                            public AngryPlugin() {
                                throw new IllegalStateException("no licence key");
                            }
                        }
                        """)
                .withService("com.example.angry.AngryPlugin")
                .writeTo(plugins.resolve("angry"), "angry.jar");
        new PluginJar()
                .withClass(
                        "com.example.half.HalfPlugin",
                        sourcePlugin("com.example.half", "HalfPlugin", "half-good", "broken-spec"))
                .withService("com.example.half.HalfPlugin")
                .writeTo(plugins.resolve("half"), "half.jar");
        new PluginJar().writeTo(plugins.resolve("nothing"), "nothing.jar");
        Files.createDirectories(plugins.resolve("no-jar"));
        Files.writeString(plugins.resolve("no-jar").resolve("README.txt"), "copy the jar here");
        gazette().writeTo(plugins.resolve("gazette"), "gazette.jar");

        PluginRegistry registry = load();

        assertThat(registry.sourceFactory("gazette")).isPresent();
        assertThat(registry.sourceFactory("half-good"))
                .as("a plugin that fails half-way contributes none of its types")
                .isEmpty();
        assertThat(registry.problems())
                .hasSize(5)
                .anySatisfy(p -> assertThat(p)
                        .contains(plugins.resolve("gone") + " failed to load")
                        .contains("com.example.gone.GonePlugin"))
                .anySatisfy(p -> assertThat(p)
                        .contains(plugins.resolve("angry") + " failed to load")
                        .contains("no licence key"))
                .anySatisfy(p -> assertThat(p)
                        .contains("com.example.half.HalfPlugin from " + plugins.resolve("half"))
                        .contains("spec not ready"))
                .anySatisfy(p -> assertThat(p).contains(plugins.resolve("nothing") + " holds no io.vigil.spi.Plugin"))
                .anySatisfy(p -> assertThat(p).contains(plugins.resolve("no-jar") + " holds no .jar file"));
    }

    @Test
    void aPluginBuiltForAnotherSpiVersionIsRefusedNamingTheVersionsAndTheOthersStart() throws Exception {
        new PluginJar()
                .withClass(
                        "com.example.future.FuturePlugin",
                        sourcePlugin("com.example.future", "FuturePlugin", "future", "From the future"))
                .withService("com.example.future.FuturePlugin")
                .withSpiVersion("2.0")
                .writeTo(plugins.resolve("future"), "future-1.0.jar");
        new PluginJar()
                .withClass(
                        "com.example.unmarked.UnmarkedPlugin",
                        sourcePlugin("com.example.unmarked", "UnmarkedPlugin", "unmarked", "Unmarked"))
                .withService("com.example.unmarked.UnmarkedPlugin")
                .withSpiVersion(null)
                .writeTo(plugins.resolve("unmarked"), "unmarked.jar");
        gazette().writeTo(plugins.resolve("gazette"), "gazette-1.0.jar");

        PluginRegistry registry = load();

        assertThat(registry.typeNames(PluginKind.SOURCE)).contains("gazette").doesNotContain("future", "unmarked");
        assertThat(registry.problems())
                .anySatisfy(problem -> assertThat(problem)
                        .contains("future")
                        .contains("future-1.0.jar was built for SPI 2.0, but this Vigil provides SPI "
                                + SpiVersion.CURRENT))
                .anySatisfy(problem ->
                        assertThat(problem).contains("unmarked.jar declares no Vigil-SPI-Version in its manifest"));
    }

    @Test
    void aPluginForAnOlderMinorVersionOfTheSameSpiLoads() {
        assertThat(SpiVersion.incompatibility(SpiVersion.CURRENT)).isNull();
        assertThat(SpiVersion.incompatibility("1.0")).isNull();
        assertThat(SpiVersion.incompatibility("1.99")).contains("built for SPI 1.99");
        assertThat(SpiVersion.incompatibility("0.9")).contains("built for SPI 0.9");
        assertThat(SpiVersion.incompatibility("one")).contains("not major.minor");
    }

    @Test
    void aMissingPluginsFolderIsNoProblem() {
        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), plugins.resolve("absent"));

        assertThat(registry.problems()).isEmpty();
        assertThat(registry.typeNames(PluginKind.SOURCE)).contains("push");
    }
}
