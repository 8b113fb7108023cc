package io.vigil.web.channel;

import io.vigil.alerts.channel.InvalidChannelException;
import io.vigil.web.http.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns a refused channel definition into a problem document that names the field at fault. */
public class ChannelProblems {

    @ServerExceptionMapper
    public Response invalidChannel(InvalidChannelException e) {
        return Problem.of(400, "Invalid channel", e.getMessage())
                .withField(e.field())
                .toResponse();
    }
}
