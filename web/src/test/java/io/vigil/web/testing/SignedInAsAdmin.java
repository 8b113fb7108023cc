package io.vigil.web.testing;

import io.restassured.RestAssured;
import io.restassured.authentication.NoAuthScheme;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes RestAssured requests of the web tests sign in as the test admin with HTTP Basic, now that the API needs a user —
 * so tests written before security existed keep working unchanged — unless the request brings credentials of its own:
 * an {@code Authorization} header (an API or push token), a source's push token header, an auth scheme
 * ({@code given().auth().preemptive().basic(…)}) or a session cookie. A request whose bearer token Vigil does not know
 * gets the admin's Basic header after it. A test that wants to be anonymous drops the filter:
 * {@code given().noFilters()}.
 *
 * <p>Registered for the whole test module by {@code META-INF/services/org.junit.jupiter.api.extension.Extension}
 * (quarkus-junit turns extension autodetection on in its {@code junit-platform.properties}); the credentials are those
 * of the {@code %test} profile and of {@link VigilProcess}.
 */
public class SignedInAsAdmin implements BeforeEachCallback {

    /** The first admin of the test profile ({@code %test.vigil.admin.user}). */
    public static final String USER = "admin";

    /** The first admin's password in the test profile ({@code %test.vigil.admin.password}). */
    public static final String PASSWORD = "Correct-Horse-Battery-9";

    @Override
    public void beforeEach(ExtensionContext context) {
        addFilter(getClass().getClassLoader());
        // A @QuarkusTest runs in Quarkus' own class loader, with its own copy of RestAssured's static settings.
        context.getTestInstance()
                .map(test -> test.getClass().getClassLoader())
                .filter(loader -> loader != getClass().getClassLoader())
                .ifPresent(SignedInAsAdmin::addFilter);
    }

    private static void addFilter(ClassLoader loader) {
        try {
            Class<?> restAssured = Class.forName(RestAssured.class.getName(), true, loader);
            Class<?> filterType = Class.forName(Filter.class.getName(), true, loader);
            java.util.List<?> filters =
                    (java.util.List<?>) restAssured.getMethod("filters").invoke(null);
            if (filters.stream().anyMatch(f -> f.getClass().getName().equals(AdminBasic.class.getName()))) {
                return;
            }
            Object filter = Class.forName(AdminBasic.class.getName(), true, loader)
                    .getDeclaredConstructor()
                    .newInstance();
            Object array = java.lang.reflect.Array.newInstance(filterType, 1);
            java.lang.reflect.Array.set(array, 0, filter);
            restAssured
                    .getMethod("filters", filterType, array.getClass())
                    .invoke(null, filter, java.lang.reflect.Array.newInstance(filterType, 0));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot add the admin sign-in to RestAssured in the test's class loader", e);
        }
    }

    /** Adds the test admin's HTTP Basic header to requests that carry no credentials of their own. */
    public static final class AdminBasic implements Filter {

        private static final String SESSION_COOKIE = "vigil-session";

        private static final String HEADER =
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        @Override
        public Response filter(
                FilterableRequestSpecification request,
                FilterableResponseSpecification response,
                FilterContext context) {
            String authorization = request.getHeaders().getValue("Authorization");
            boolean ownCredentials = authorization != null
                    || request.getHeaders().hasHeaderWithName("X-Vigil-Source-Token")
                    || !(request.getAuthenticationScheme() instanceof NoAuthScheme)
                    || request.getCookies().hasCookieWithName(SESSION_COOKIE);
            if (!ownCredentials) {
                request.header("Authorization", HEADER);
            } else if (!recognised(authorization)) {
                // A bearer token Vigil does not know signs nobody in; such a test means "the admin, who also sends
                // that header": Vigil takes the first Authorization header it recognises.
                request.header("Authorization", HEADER);
            }
            return context.next(request, response);
        }

        private static boolean recognised(String authorization) {
            if (authorization == null) {
                return true;
            }
            String value = authorization.toLowerCase(java.util.Locale.ROOT);
            return value.startsWith("basic ") || value.startsWith("bearer vgl_") || value.startsWith("bearer vps_");
        }
    }
}
