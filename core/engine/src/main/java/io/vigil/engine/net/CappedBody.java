package io.vigil.engine.net;

import io.vigil.spi.http.ResponseTooLargeException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit and cancels the exchange as soon as the body would pass it, so a server
 * cannot make Vigil read (or buffer) more than the limit.
 *
 * <p>Called by the HTTP client's threads one signal at a time, as the reactive-streams rules require.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final URI uri;
    private final long limit;
    private final long declaredLength;
    private Flow.Subscription subscription;

    /**
     * @param declaredLength the {@code Content-Length} the server announced, or -1; a body announced larger than the
     *     limit is refused before a byte of it is read
     */
    CappedBody(URI uri, long limit, long declaredLength) {
        this.uri = uri;
        this.limit = limit;
        this.declaredLength = declaredLength;
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        if (declaredLength > limit) {
            subscription.cancel();
            result.completeExceptionally(tooLarge("announces " + declaredLength + " bytes"));
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if (buffer.size() + (long) item.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(tooLarge("is larger than that"));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            buffer.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    private ResponseTooLargeException tooLarge(String what) {
        return new ResponseTooLargeException(
                "the answer from " + uri + " " + what + "; Vigil reads at most " + limit + " bytes");
    }
}
