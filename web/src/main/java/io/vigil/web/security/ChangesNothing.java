package io.vigil.web.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST endpoint that only reads — a query too large for a URL, such as a rule preview — so that read-only API
 * tokens may call it. Every other POST, PUT, PATCH and DELETE is a write, and a read-only token is refused it with 403
 * ({@link ReadOnlyCallers}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChangesNothing {}
