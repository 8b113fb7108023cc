package io.vigil.web.websub;

import io.vigil.engine.websub.WebSubSubscriber;
import io.vigil.engine.websub.WebSubSubscriber.Delivery;
import io.vigil.engine.websub.WebSubSubscriber.Verification;
import io.vigil.web.security.CsrfExempt;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * The WebSub callback, {@code /websub/{callback}}: where the hubs Vigil subscribed at verify subscriptions (GET) and
 * deliver new content (POST). See {@link WebSubSubscriber} for the flow.
 *
 * <p>Open to anyone ({@code @PermitAll}) because a hub is no Vigil user; the endpoint checks its own credential: the
 * callback id is random and names one subscription, a verification is answered only for a subscription Vigil
 * requested and only for its topic, and a delivery is taken only with a valid {@code X-Hub-Signature} (HMAC of the
 * body with that subscription's secret) — anything else is refused and stores nothing. A signed delivery taken before
 * (a replay) is answered 200 and stores nothing ({@link WebSubSubscriber#deliver}).
 */
@Path("/websub/{callback}")
@CsrfExempt // a hub holds no session for a cross-site form to ride on
@PermitAll // a hub has no account: the callback checks the subscription and its HMAC signature itself (see above)
public class WebSubCallbackResource {

    /** The header hubs sign deliveries with. */
    public static final String SIGNATURE = "X-Hub-Signature";

    @Inject
    WebSubSubscriber subscriber;

    @GET
    public Response verify(
            @PathParam("callback") String callback,
            @QueryParam("hub.mode") String mode,
            @QueryParam("hub.topic") String topic,
            @QueryParam("hub.challenge") String challenge,
            @QueryParam("hub.lease_seconds") String lease,
            @QueryParam("hub.reason") String reason) {
        return switch (subscriber.verify(callback, mode, topic, challenge, lease, reason)) {
            case Verification.Confirmed confirmed ->
                Response.ok(confirmed.challenge(), MediaType.TEXT_PLAIN_TYPE).build();
            case Verification.Noted noted -> Response.ok().build();
            case Verification.Unknown unknown ->
                Response.status(404)
                        .type(MediaType.TEXT_PLAIN_TYPE)
                        .entity("no such subscription")
                        .build();
        };
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response deliver(
            @PathParam("callback") String callback,
            @HeaderParam(SIGNATURE) String signature,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Length") String contentLength,
            InputStream body)
            throws IOException {
        // Anyone may call: nothing is read for a callback that takes no deliveries, nor beyond a fetched feed's cap.
        if (!subscriber.takesDeliveries(callback)) {
            return gone();
        }
        if (declaredLength(contentLength) > WebSubSubscriber.MAX_DELIVERY_BYTES) {
            return tooLarge();
        }
        byte[] bytes = body == null ? new byte[0] : body.readNBytes((int) WebSubSubscriber.MAX_DELIVERY_BYTES + 1);
        if (bytes.length > WebSubSubscriber.MAX_DELIVERY_BYTES) {
            return tooLarge();
        }
        return switch (subscriber.deliver(callback, signature, contentType, bytes)) {
            case Delivery.Stored stored -> Response.accepted().build();
            case Delivery.Refused refused ->
                Response.status(403)
                        .type(MediaType.TEXT_PLAIN_TYPE)
                        .entity("the signature does not match")
                        .build();
            case Delivery.Replayed replayed ->
                Response.ok("already received", MediaType.TEXT_PLAIN_TYPE).build();
            case Delivery.Gone gone -> gone();
        };
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Response gone() {
        return Response.status(410)
                .type(MediaType.TEXT_PLAIN_TYPE)
                .entity("no such subscription")
                .build();
    }

    private static Response tooLarge() {
        return Response.status(413)
                .type(MediaType.TEXT_PLAIN_TYPE)
                .entity("a delivery holds at most " + WebSubSubscriber.MAX_DELIVERY_BYTES + " bytes")
                .build();
    }
}
