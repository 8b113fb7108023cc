package io.vigil.web.http;

/** Checked {@code limit} and {@code offset} query parameters. */
public record Paging(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Validates the raw parameters; {@code null} means the default. */
    public static Paging of(Integer limit, Integer offset) {
        int checkedLimit = limit == null ? DEFAULT_LIMIT : limit;
        int checkedOffset = offset == null ? 0 : offset;
        if (checkedLimit < 1 || checkedLimit > MAX_LIMIT) {
            throw new ProblemException(Problem.of(400, "Bad Request", "limit must be between 1 and " + MAX_LIMIT)
                    .withField("limit"));
        }
        if (checkedOffset < 0) {
            throw new ProblemException(Problem.of(400, "Bad Request", "offset must not be negative")
                    .withField("offset"));
        }
        return new Paging(checkedLimit, checkedOffset);
    }
}
