package io.vigil.engine.source;

import io.vigil.spi.Plugin;
import io.vigil.spi.source.SourceFactory;
import java.util.List;

/** The platform's own source type, {@code push}, registered like any other plugin. */
public final class PushSourcePlugin implements Plugin {

    @Override
    public List<SourceFactory> sourceFactories() {
        return List.of(new PushSourceFactory());
    }
}
