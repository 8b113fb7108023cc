package io.vigil.source.folder;

import io.vigil.spi.Plugin;
import io.vigil.spi.source.SourceFactory;
import java.util.List;

/** Contributes the {@code folder} source type. */
public final class FolderPlugin implements Plugin {
    @Override
    public List<SourceFactory> sourceFactories() {
        return List.of(new FolderSourceFactory());
    }
}
