package io.vigil.web.ui;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import io.vigil.web.security.Refusals;
import jakarta.inject.Inject;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Refuses a page's query parameter that the page does not take ({@code /alerts?since=yesterday}, {@code ?foo=1}),
 * for every page at once: ignored, it would show an unfiltered list as if it were filtered. A page takes exactly the
 * query parameters its method declares. That refusal, and every other {@code 400} problem a page's address ends in (a
 * value it cannot read, {@code ?rule=abc}, {@code ?period=fortnight}), is shown to a signed-in browser as a page naming
 * the parameter, with a link to the page without it, where a problem document would show a person raw JSON.
 *
 * <p>Only pages: the API is for programs, which may send parameters of their own (a cache-buster), and its refusals of
 * bad values are problem documents already.
 */
public class PageParameters {

    private static final Map<Method, Set<String>> DECLARED = new ConcurrentHashMap<>();

    @Inject
    CurrentVertxRequest request;

    @Inject
    SecurityIdentity identity;

    @Inject
    @Location("refused.html")
    Template refused;

    @ServerRequestFilter
    public void refuseUnknown(ContainerRequestContext context, SimpleResourceInfo resource) {
        if (!"GET".equals(context.getMethod())
                || identity.isAnonymous() // signing in comes first, and brings the caller back to this address
                || Refusals.forTheApi(request.getCurrent())
                || resource == null
                || resource.getResourceClass() == null) {
            return;
        }
        Method method;
        try {
            method = resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            return;
        }
        if (!producesHtml(method)) {
            return;
        }
        Set<String> declared = DECLARED.computeIfAbsent(method, PageParameters::declaredQueryParameters);
        for (String name : context.getUriInfo().getQueryParameters().keySet()) {
            if (!declared.contains(name)) {
                String takes = declared.isEmpty() ? "it takes none" : "it takes " + String.join(", ", declared);
                throw new ProblemException(Problem.of(
                                400,
                                "Bad Request",
                                "this page has no parameter \u201c" + shown(name) + "\u201d; " + takes)
                        .withField(name));
            }
        }
    }

    /** A {@code 400} problem answering a page's address, for a signed-in browser: the page saying what is wrong. */
    @ServerResponseFilter
    public void showRefusalAsPage(ContainerRequestContext context, ContainerResponseContext response) {
        if (response.getStatus() != 400
                || !(response.getEntity() instanceof Problem problem)
                || !"GET".equals(context.getMethod())
                || identity.isAnonymous()
                || Refusals.forTheApi(request.getCurrent())) {
            return;
        }
        String detail = problem.detail() == null || problem.detail().isEmpty() ? "Bad request" : problem.detail();
        response.setEntity(
                refused.data("detail", Character.toUpperCase(detail.charAt(0)) + detail.substring(1))
                        .data("path", context.getUriInfo().getPath())
                        .render(),
                null,
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static boolean producesHtml(Method method) {
        Produces produces = method.getAnnotation(Produces.class);
        if (produces == null) {
            produces = method.getDeclaringClass().getAnnotation(Produces.class);
        }
        return produces != null
                && Arrays.stream(produces.value()).anyMatch(type -> type.startsWith(MediaType.TEXT_HTML));
    }

    private static Set<String> declaredQueryParameters(Method method) {
        Set<String> names = new LinkedHashSet<>();
        for (Parameter parameter : method.getParameters()) {
            for (Annotation annotation : parameter.getAnnotations()) {
                switch (annotation) {
                    case QueryParam query -> names.add(query.value());
                    case RestQuery query -> names.add(query.value().isEmpty() ? parameter.getName() : query.value());
                    default -> {}
                }
            }
        }
        return names; // in the method's order, which is the page's own order of its filters
    }

    /** A parameter name as quoted back: one line, at most 40 characters (it is the caller's text). */
    private static String shown(String name) {
        String line = io.vigil.engine.input.TextLimits.oneLine(name);
        return line.length() > 40 ? line.substring(0, 40) + "\u2026" : line;
    }
}
