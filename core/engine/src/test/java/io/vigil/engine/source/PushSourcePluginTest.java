package io.vigil.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.testkit.FakeSourceContext;
import io.vigil.spi.testkit.PluginContract;
import io.vigil.spi.testkit.RecordingSink;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushSourcePluginTest extends PluginContract {

    PushSourcePluginTest() {
        super(PushSourcePlugin.class);
    }

    @Test
    void aPushSourceFetchesNothingAndKeepsItsCursor() throws Exception {
        Cursor cursor = new Cursor(Map.of("k", "v"));
        RecordingSink sink = new RecordingSink();

        Cursor next = new PushSourceFactory()
                .create(PluginConfig.empty(), FakeSourceContext.in(Path.of(".")))
                .fetch(cursor, sink);

        assertThat(next).isEqualTo(cursor);
        assertThat(sink.documents()).isEmpty();
    }
}
