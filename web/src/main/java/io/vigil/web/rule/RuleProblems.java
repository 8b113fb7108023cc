package io.vigil.web.rule;

import io.vigil.engine.watch.InvalidRuleException;
import io.vigil.web.http.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns a refused rule into a problem document naming the field at fault and, for a syntax error, the position. */
public class RuleProblems {

    @ServerExceptionMapper
    public Response invalidRule(InvalidRuleException e) {
        Problem problem = Problem.of(400, "Invalid rule", e.getMessage()).withField(e.field());
        if (e.position() != null) {
            problem = problem.withPosition(e.position());
        }
        return problem.toResponse();
    }
}
