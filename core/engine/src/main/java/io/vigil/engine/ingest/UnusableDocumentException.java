package io.vigil.engine.ingest;

/** A document that holds no storable article (no title, no text); the message says which and why. */
public class UnusableDocumentException extends RuntimeException {
    public UnusableDocumentException(String message) {
        super(message);
    }
}
