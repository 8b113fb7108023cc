package io.vigil.source.rss;

import io.vigil.spi.Plugin;
import io.vigil.spi.source.SourceFactory;
import java.util.List;

/** Contributes the {@code rss} source type. */
public final class RssPlugin implements Plugin {
    @Override
    public List<SourceFactory> sourceFactories() {
        return List.of(new RssSourceFactory());
    }
}
