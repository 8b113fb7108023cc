package io.vigil.web.http;

/** Ends a request with a problem document; thrown by resources for input they refuse. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    private final Integer retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    /** A refusal that ends by itself: the answer carries {@code Retry-After} with {@code retryAfterSeconds}. */
    public ProblemException(Problem problem, Integer retryAfterSeconds) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "Bad Request", detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "Not Found", detail));
    }

    public Problem problem() {
        return problem;
    }

    /** The answer: the problem document, with {@code Retry-After} when the refusal ends by itself. */
    public jakarta.ws.rs.core.Response toResponse() {
        jakarta.ws.rs.core.Response response = problem.toResponse();
        return retryAfterSeconds == null
                ? response
                : jakarta.ws.rs.core.Response.fromResponse(response)
                        .header("Retry-After", String.valueOf(retryAfterSeconds))
                        .build();
    }
}
