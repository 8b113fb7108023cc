package io.vigil.engine.secret;

/** A sealed secret that the configured keys cannot open; the message says which key it needs and what to do. */
public final class UnreadableSecretException extends RuntimeException {

    public UnreadableSecretException(String message) {
        super(message);
    }
}
