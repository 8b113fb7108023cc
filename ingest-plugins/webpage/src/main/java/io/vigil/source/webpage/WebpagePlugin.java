package io.vigil.source.webpage;

import io.vigil.spi.Plugin;
import io.vigil.spi.source.SourceFactory;
import java.util.List;

/** Contributes the {@code webpage} source type. */
public final class WebpagePlugin implements Plugin {
    @Override
    public List<SourceFactory> sourceFactories() {
        return List.of(new WebpageSourceFactory());
    }
}
