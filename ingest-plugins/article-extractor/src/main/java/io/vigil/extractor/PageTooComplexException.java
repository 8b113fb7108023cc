package io.vigil.extractor;

/**
 * A page with more elements than any article or listing page has: it is not read, so that a hostile or broken page
 * cannot hold a fetch thread for minutes. The message says why, for the source to report.
 */
public final class PageTooComplexException extends IllegalArgumentException {

    PageTooComplexException(String message) {
        super(message);
    }
}
