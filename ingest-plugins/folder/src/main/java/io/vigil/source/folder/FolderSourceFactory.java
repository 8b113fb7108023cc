package io.vigil.source.folder;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.source.Source;
import io.vigil.spi.source.SourceContext;
import io.vigil.spi.source.SourceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Describes the {@code folder} source: a folder of saved page dumps ({@code .txt}), such as {@code seeds/}. */
public final class FolderSourceFactory implements SourceFactory {

    static final String PATH = "path";
    static final String PATTERN = "pattern";

    @Override
    public String type() {
        return "folder";
    }

    @Override
    public String label() {
        return "Folder of page dumps";
    }

    @Override
    public String description() {
        return "Reads saved news pages (plain-text dumps) from a folder, and picks up new or changed files.";
    }

    @Override
    public Duration defaultFetchInterval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.of(PATH, "Folder", FieldType.PATH)
                        .asRequired()
                        .withHelp(
                                "The folder to read, absolute or relative to Vigil's working directory; it must lie below"
                                        + " one of the folders the operator allows (vigil.sources.folder-roots)."),
                ConfigField.of(PATTERN, "File pattern", FieldType.STRING)
                        .withDefault("*.txt")
                        .withHelp("A glob for the files to read, such as *.txt; sub-folders are read too."));
    }

    @Override
    public Source create(PluginConfig config, SourceContext context) throws PermanentFailureException {
        Path folder = context.resolvePath(config.string(PATH));
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new PermanentFailureException(folder + " is a file, not a folder");
        }
        return new FolderSource(folder, config.string(PATTERN), context);
    }
}
