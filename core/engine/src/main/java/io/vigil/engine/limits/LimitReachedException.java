package io.vigil.engine.limits;

/** A creation refused because a cap is reached; nothing was created. The message is for the user. */
public class LimitReachedException extends RuntimeException {

    private final Limit limit;

    private final int cap;

    public LimitReachedException(Limit limit, int cap) {
        super(limit.refusal(cap));
        this.limit = limit;
        this.cap = cap;
    }

    /** The limit reached. */
    public Limit limit() {
        return limit;
    }

    /** Its configured value. */
    public int cap() {
        return cap;
    }
}
