package io.vigil.web.silence;

import io.vigil.alerts.silence.InvalidSilenceException;
import io.vigil.web.http.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns a refused silence into a problem document naming the field and, for a bad query, the position. */
public class SilenceProblems {

    @ServerExceptionMapper
    public Response invalidSilence(InvalidSilenceException e) {
        Problem problem = Problem.of(400, "Invalid silence", e.getMessage()).withField(e.field());
        return (e.position() == null ? problem : problem.withPosition(e.position())).toResponse();
    }
}
