package io.vigil.examples.jsonfeed;

import io.vigil.spi.Plugin;
import io.vigil.spi.source.SourceFactory;
import java.util.List;

/**
 * The plugin's entry point, named in {@code META-INF/services/io.vigil.spi.Plugin}: Vigil creates it once at start-up
 * and asks it for its types. It contributes one source type, {@code jsonfeed}.
 */
public final class JsonFeedPlugin implements Plugin {

    @Override
    public List<SourceFactory> sourceFactories() {
        return List.of(new JsonFeedSourceFactory());
    }
}
