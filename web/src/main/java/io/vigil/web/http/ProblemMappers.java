package io.vigil.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vigil.engine.source.InvalidSourceException;
import io.vigil.spi.config.InvalidConfigException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error an API call can end in into a problem document, so clients parse one error shape. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
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
        return Problem.of(400, "Malformed JSON", e.getOriginalMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        String reason = original.getStatusInfo().getReasonPhrase();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? reason : e.getMessage();
        return Problem.of(status, reason, detail).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return Problem.of(500, "Internal Server Error", "an unexpected error occurred; the server log has the details")
                .toResponse();
    }
}
