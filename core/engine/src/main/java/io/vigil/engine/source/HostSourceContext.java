package io.vigil.engine.source;

import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.source.FolderRoots;
import io.vigil.spi.source.PushHub;
import io.vigil.spi.source.SourceContext;
import java.time.Clock;
import java.util.function.Consumer;

/** The platform's side of {@link SourceContext} for one configured source. */
record HostSourceContext(
        String sourceName,
        Clock clock,
        OutboundHttp httpClient,
        long maxDocumentBytes,
        FolderRoots folderRoots,
        Consumer<PushHub> hubs)
        implements SourceContext {

    @Override
    public OutboundHttp http() {
        if (httpClient == null) {
            throw new UnsupportedOperationException("no outbound HTTP client is configured in this Vigil");
        }
        return httpClient;
    }

    @Override
    public void advertisesPushHub(PushHub hub) {
        if (hub != null) {
            hubs.accept(hub);
        }
    }
}
