package io.vigil.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vigil.engine.input.LoggedText;
import io.vigil.engine.limits.LimitReachedException;
import io.vigil.engine.source.InvalidSourceException;
import io.vigil.spi.config.InvalidConfigException;
import io.vigil.web.security.Refusals;
import io.vigil.web.security.SignedIn;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/** Turns every error an API call can end in into a problem document, so clients parse one error shape. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    CurrentVertxRequest request;

    @Inject
    SecurityIdentity identity;

    @Inject
    @Location("missing.html")
    Template missing;

    /** An endpoint's declared role met a caller who is not signed in: 401 for the API, the login form for pages. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response notSignedIn(UnauthorizedException e) {
        return Refusals.notSignedIn(request.getCurrent());
    }

    /** An endpoint's declared role met a caller whose role is too low: 403, naming the role it needs. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response roleTooLow(ForbiddenException e, SimpleResourceInfo endpoint) {
        return Refusals.roleTooLow(request.getCurrent(), endpoint, identity.getAttribute(SignedIn.ROLE));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toResponse();
    }

    /**
     * A cap reached ({@code vigil.limits.*}): 409, since what conflicts is what the caller (or the team) already holds,
     * and waiting changes nothing until something is removed; a 429 would invite retrying. A page gets the words as
     * text, as a refusal by role does.
     */
    @ServerExceptionMapper
    public Response limitReached(LimitReachedException e) {
        if (!Refusals.forTheApi(request.getCurrent())) {
            return Response.status(409)
                    .type(jakarta.ws.rs.core.MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("Limit reached: " + e.getMessage() + ".")
                    .build();
        }
        return Problem.of(409, "Limit reached", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidSource(InvalidSourceException e) {
        return Problem.of(400, "Invalid source", e.getMessage())
                .withField(e.field())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response invalidConfig(InvalidConfigException e) {
        String field =
                e.problems().isEmpty() ? null : "config." + e.problems().get(0).field();
        return Problem.of(400, "Invalid configuration", e.getMessage())
                .withField(field)
                .toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? field(mapping.getPath()) : null;
        return Problem.of(400, "Malformed JSON", JsonRefusals.detail(e, field))
                .withField(field)
                .toResponse();
    }

    /**
     * A value of the wrong type ({@code "channelId": "abc"}): the same problem, naming the field. Declared for this
     * type itself because Quarkus maps it with a default mapper of its own otherwise, whose answer names no field.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson(e);
    }

    /** The field a mapping error happened at, as clients write it: {@code routes[1].channelId}; null at the top. */
    static String field(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return malformedJson(json); // the JSON reader wraps a body that does not parse in a bare 400
            }
        }
        Response original = e.getResponse();
        if (original.getEntity() instanceof Problem) {
            return original; // already the answer, such as a malformed parameter's (MalformedParameters)
        }
        int status = original.getStatus();
        String reason = original.getStatusInfo().getReasonPhrase();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? reason : e.getMessage();
        if (status == 404 && !Refusals.forTheApi(request.getCurrent()) && !identity.isAnonymous()) {
            return missingPage(detail);
        }
        return Problem.of(status, reason, detail).toResponse();
    }

    /**
     * A page that is not there, for a signed-in browser: the page in the layout, saying what is missing ("There is no
     * rule 7"), where a problem document would show a person raw JSON (an old link in an e-mail, a removed rule).
     */
    private Response missingPage(String detail) {
        String what = detail.startsWith("no ")
                ? "There is " + detail
                : "There is no page at " + request.getCurrent().request().path();
        return Response.status(404)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(missing.data("what", what).render())
                .build();
    }

    @ServerExceptionMapper
    public Response databaseUnavailable(DatabaseUnavailableException e) {
        if (UnstorableValue.causes(e)) {
            return unstorable(e);
        }
        LOG.warn(LoggedText.of(e.getMessage()));
        return Response.fromResponse(
                        Problem.of(503, "Service Unavailable", "the database does not answer; try again shortly")
                                .toResponse())
                .header("Retry-After", "5")
                .build();
    }

    @ServerExceptionMapper
    public Response busUnavailable(io.vigil.engine.ingest.ArticleBus.BusUnavailableException e) {
        LOG.warn(LoggedText.of(e.getMessage()));
        return Response.fromResponse(Problem.of(
                                503,
                                "Service Unavailable",
                                "the article bus did not acknowledge the push, so nothing is accepted; try again shortly")
                        .toResponse())
                .header("Retry-After", "5")
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (UnstorableValue.causes(e)) {
            return unstorable(e);
        }
        LOG.error("unexpected error", LoggedText.thrown(e));
        return Problem.of(500, "Internal Server Error", "an unexpected error occurred; the server log has the details")
                .toResponse();
    }

    /** A value PostgreSQL cannot hold came with the request: the caller's mistake, not the server's, so no error logged. */
    private static Response unstorable(RuntimeException e) {
        LOG.debugf("refused a value that cannot be stored: %s", LoggedText.of(e.getMessage()));
        return UnstorableValue.problem().toResponse();
    }
}
