package io.vigil.web.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document, the body of every API error.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title a short summary that does not change between occurrences
 * @param status the HTTP status
 * @param detail what went wrong this time, for the user
 * @param field the input field at fault, when one is
 * @param position the zero-based character position in a rule expression, for rule syntax errors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, Integer position) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(Response.Status status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public Problem withField(String name) {
        return new Problem(type, title, status, detail, name, position);
    }

    public Problem withPosition(int at) {
        return new Problem(type, title, status, detail, field, at);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
