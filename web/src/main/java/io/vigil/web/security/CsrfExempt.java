package io.vigil.web.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource whose callers are machines that never hold a Vigil session (a WebSub hub, say), so a cross-site
 * form cannot ride on one: {@link CsrfFilters} asks it for no anti-forgery token. The resource must check a credential
 * of its own, and must also be {@code @PermitAll} with that reason.
 *
 * <p>Judged on the resource the request was routed to, never on its path, so no spelling of a path earns the exemption.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CsrfExempt {}
