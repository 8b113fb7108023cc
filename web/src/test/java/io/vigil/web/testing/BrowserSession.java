package io.vigil.web.testing;

import static io.restassured.RestAssured.given;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's sign-in as RestAssured sees it: the session cookie and the anti-forgery token, got the way a browser gets
 * them — the login form first, then its post. Requests carry both, and nothing else (no default admin credentials).
 *
 * @param session the {@code vigil-session} cookie
 * @param csrf the session's anti-forgery token, which its pages' forms repeat in their {@code _csrf} field (read from
 *     a page, as a browser has it; before sign-in, the login form's token is the {@code vigil-csrf} cookie's)
 */
public record BrowserSession(String session, String csrf) {

    private static final Pattern FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** The answer to a login form post, and the anti-forgery token the (pre-session) form carried. */
    public record Login(Response response, String csrf) {
        public boolean succeeded() {
            String location = response.header("Location");
            return response.statusCode() == 303 && location != null && !location.contains("/login");
        }

        /** The browser signed in by this post; fails the test when the sign-in was refused. */
        public BrowserSession session() {
            if (!succeeded()) {
                throw new AssertionError(
                        "sign-in refused: " + response.statusCode() + " " + response.header("Location"));
            }
            String session = response.cookie("vigil-session");
            return new BrowserSession(session, tokenOnPage(session));
        }
    }

    /** The anti-forgery token a page shows the browser signed in by {@code session} (its forms' {@code _csrf}). */
    public static String tokenOnPage(String session) {
        String page = given().noFilters()
                .redirects()
                .follow(false)
                .cookie("vigil-session", session)
                .get("/account")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return tokenIn(page);
    }

    /** The anti-forgery token a page's forms carry; fails the test when it has none. */
    public static String tokenIn(String page) {
        Matcher field = FIELD.matcher(page);
        if (!field.find()) {
            throw new AssertionError("the page carries no anti-forgery token: " + page);
        }
        return field.group(1);
    }

    /** Signs in through the login form; fails the test when the sign-in is refused. */
    public static BrowserSession signIn(String username, String password) {
        return postLogin(username, password, null).session();
    }

    /** Posts the login form as a fresh browser would (its token from the form first), with {@code next} if not null. */
    public static Login postLogin(String username, String password, String next) {
        String csrf = given().noFilters().get("/login").cookie("vigil-csrf");
        RequestSpecification request = given().noFilters()
                .redirects()
                .follow(false)
                .cookie("vigil-csrf", csrf)
                .formParam("_csrf", csrf)
                .formParam("username", username)
                .formParam("password", password);
        if (next != null) {
            request.formParam("next", next);
        }
        return new Login(request.post("/login"), csrf);
    }

    /** Whether a sign-in with these credentials succeeds now (it opens a session when it does). */
    public static boolean canSignIn(String username, String password) {
        return postLogin(username, password, null).succeeded();
    }

    /**
     * A request with this browser's cookies and token header, redirects not followed; a form is sent in UTF-8, as a
     * browser sends the forms of a UTF-8 page (RestAssured's default, ISO-8859-1, turns Cyrillic into '?').
     */
    public RequestSpecification request() {
        return given().noFilters()
                .config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset(StandardCharsets.UTF_8)))
                .redirects()
                .follow(false)
                .cookie("vigil-session", session)
                .cookie("vigil-csrf", csrf)
                .header("X-CSRF-Token", csrf);
    }

    public Response get(String path) {
        return request().get(path);
    }

    /** Posts a form with the given field names and values, and the anti-forgery field. */
    public Response post(String path, String... fields) {
        RequestSpecification request = request().formParam("_csrf", csrf);
        for (int i = 0; i < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        return request.post(path);
    }

    /** Whether this browser is still signed in: a page read answers 200 rather than sending it to the login form. */
    public boolean signedIn() {
        return get("/account").statusCode() == 200;
    }
}
