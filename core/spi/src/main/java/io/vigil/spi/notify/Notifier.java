package io.vigil.spi.notify;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;

/**
 * Delivers notifications through one configured channel.
 *
 * <h2>Lifecycle and threading</h2>
 * <ol>
 *   <li>The delivery worker calls {@link #deliver} for one notification at a time per channel; different channels
 *       deliver concurrently.
 *   <li>A notification may be delivered more than once (a crash between sending and recording it); its
 *       {@link Notification#id()} is the same every time, so pass it on for the receiver to drop repeats.
 *   <li>{@link #close()} is called once, when the channel is deleted, reconfigured or the platform stops.
 * </ol>
 */
public interface Notifier extends AutoCloseable {

    /**
     * Sends one notification.
     *
     * @return what the receiver answered, for the delivery log
     * @throws TemporaryFailureException timeouts, 5xx, 429: the outbox retries with backoff
     * @throws PermanentFailureException 4xx, a bad address: the outbox stops and shows the reason
     */
    DeliveryReceipt deliver(Notification notification) throws TemporaryFailureException, PermanentFailureException;

    @Override
    default void close() {}
}
