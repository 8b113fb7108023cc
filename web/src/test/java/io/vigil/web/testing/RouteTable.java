package io.vigil.web.testing;

import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * The routes the running application registered, read from the application itself — the Vert.x router (Quarkus' own
 * endpoints under {@code /q}) and the REST deployment (every resource and page method) — never from a hand-written
 * list, so an endpoint added tomorrow is in it. A test bean: it keeps the router Quarkus hands to observers at start.
 */
@ApplicationScoped
public class RouteTable {

    private volatile Router router;

    void capture(@Observes Router router) {
        this.router = router;
    }

    /** A REST endpoint: its HTTP method, its full path template and the Java method that serves it. */
    public record RestRoute(String httpMethod, String path, Method method, List<String> consumes) {}

    /** A route of the Vert.x router with a path of its own (sub-routers flattened), and its methods (empty: any). */
    public record RouterRoute(String path, List<String> methods) {}

    /** Every REST endpoint the deployment serves, sorted by path and method. */
    public static List<RestRoute> restRoutes() {
        List<RestRoute> routes = new ArrayList<>();
        var deployment = ResteasyReactiveRecorder.getCurrentDeployment();
        for (var classPath : deployment.getClassMappers()) {
            for (ServerRestHandler handler : classPath.value.handlers) {
                if (handler instanceof ClassRoutingHandler routing) {
                    routing.getMappers().forEach((httpMethod, mapper) -> {
                        for (var methodPath : mapper.getTemplates()) {
                            RuntimeResource resource = methodPath.value;
                            routes.add(new RestRoute(
                                    httpMethod,
                                    join(classPath.template.template, methodPath.template.template),
                                    javaMethod(resource),
                                    resource.getConsumes().stream()
                                            .map(Object::toString)
                                            .toList()));
                        }
                    });
                }
            }
        }
        routes.sort(Comparator.comparing(RestRoute::path).thenComparing(RestRoute::httpMethod));
        return routes;
    }

    /** Every route of the Vert.x router that has a path of its own, other than the catch-all ones at {@code /}. */
    public List<RouterRoute> routerRoutes() {
        Objects.requireNonNull(router, "the router was not captured: is RouteTable a bean of the application?");
        List<RouterRoute> routes = new ArrayList<>();
        collect(router, "", routes);
        routes.sort(Comparator.comparing(RouterRoute::path));
        return routes;
    }

    private static void collect(Router router, String prefix, List<RouterRoute> into) {
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null) {
                continue; // filters and handlers that run for every request: security, body, static files
            }
            String full = prefix + path;
            if (route.getSubRouter() != null) {
                collect(route.getSubRouter(), full.endsWith("/") ? full.substring(0, full.length() - 1) : full, into);
                continue;
            }
            if (full.equals("/")) {
                continue; // the common handlers and the REST deployment, which restRoutes() opens up
            }
            List<String> methods = route.methods() == null
                    ? List.of()
                    : route.methods().stream().map(Object::toString).sorted().toList();
            RouterRoute found = new RouterRoute(full, methods);
            if (!into.contains(found)) {
                into.add(found);
            }
        }
    }

    private static String join(String classPath, String methodPath) {
        String joined = (classPath.equals("/") ? "" : classPath) + (methodPath.equals("/") ? "" : methodPath);
        return joined.isEmpty() ? "/" : joined;
    }

    private static Method javaMethod(RuntimeResource resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getJavaMethodName(), resource.getParameterTypes());
        } catch (NoSuchMethodException e) {
            for (Method method : resource.getResourceClass().getDeclaredMethods()) {
                if (method.getName().equals(resource.getJavaMethodName())
                        && method.getParameterCount() == resource.getParameterTypes().length) {
                    return method;
                }
            }
            throw new IllegalStateException(
                    "no method " + resource.getJavaMethodName() + " on " + resource.getResourceClass(), e);
        }
    }
}
