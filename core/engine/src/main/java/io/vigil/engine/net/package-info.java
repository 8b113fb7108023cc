/**
 * Outbound HTTP: the single client every feed, page and webhook request goes through.
 *
 * <p>The platform builds one {@link io.vigil.engine.net.GuardedHttpClient} from an
 * {@link io.vigil.engine.net.HttpPolicy} (with {@code allowPrivate} taken from {@code vigil.net.allow-private}) and
 * hands it to plugins as their {@link io.vigil.spi.http.OutboundHttp}. The client resolves and checks every host it
 * is sent to, redirects included, and caps redirects, body size and time, so no plugin can be talked into probing the
 * local network or into reading an endless answer.
 */
package io.vigil.engine.net;
