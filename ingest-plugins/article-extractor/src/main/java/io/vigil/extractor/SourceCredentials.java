package io.vigil.extractor;

import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The credentials a web source sends to a site that wants them: HTTP Basic (a user name and a password), cookies and
 * request headers of the user's own (an API key, a bearer token), declared as secret settings so the platform keeps
 * them encrypted and never shows them again.
 *
 * <p>They are sent only to the origin (scheme, host and port) of the source's own address — the feed or listing page
 * and the article pages on the same site — never to another site a feed links to; the platform's client drops
 * {@code Authorization} and {@code Cookie} on a redirect that leaves the origin as well.
 *
 * @param origin the origin the credentials belong to
 * @param headers the request headers they make, in the order given
 */
public record SourceCredentials(URI origin, Map<String, String> headers) {

    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String HEADERS = "headers";
    public static final String COOKIES = "cookies";

    /** A header name as RFC 9110 allows it: a token. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** Headers the platform's client sets itself, or that would change what the request is rather than who sends it. */
    private static final Set<String> RESERVED = Set.of(
            "host",
            "content-length",
            "transfer-encoding",
            "connection",
            "upgrade",
            "expect",
            "te",
            "trailer",
            "keep-alive",
            "proxy-authorization",
            "if-none-match",
            "if-modified-since");

    public SourceCredentials {
        Objects.requireNonNull(origin, "origin is null");
        headers = Map.copyOf(headers);
    }

    /** The settings a source type adds to its spec to take credentials; every one is optional and secret but the name. */
    public static List<ConfigField> configFields() {
        return List.of(
                ConfigField.of(USERNAME, "User name", FieldType.STRING)
                        .withHelp("For a site that asks for HTTP Basic sign-in; sent with the password."),
                ConfigField.of(PASSWORD, "Password", FieldType.STRING)
                        .asSecret()
                        .withHelp("The HTTP Basic password; kept encrypted and never shown again."),
                ConfigField.of(COOKIES, "Cookies", FieldType.STRING)
                        .asSecret()
                        .withHelp("Cookies to send, as a browser sends them: name=value; other=value."),
                ConfigField.of(HEADERS, "Request headers", FieldType.TEXT)
                        .asSecret()
                        .withHelp("Extra request headers, one 'Name: value' per line, such as an API key."));
    }

    /**
     * Reads the credential settings of a source.
     *
     * @param address the source's own address; the credentials go to its origin only
     * @throws IllegalArgumentException naming the setting, when one cannot make a header
     */
    public static SourceCredentials from(PluginConfig config, URI address) {
        Map<String, String> headers = new LinkedHashMap<>();
        config.get(HEADERS).ifPresent(text -> {
            int number = 0;
            for (String line : text.split("\r?\n|\r")) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                int colon = line.indexOf(':');
                String name =
                        colon < 0 ? line.strip() : line.substring(0, colon).strip();
                if (colon < 0 || !HEADER_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(
                            HEADERS + ": line " + number + " is not 'Name: value' with a header name");
                }
                if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException(
                            HEADERS + ": line " + number + " sets " + name + ", which Vigil sets itself");
                }
                headers.put(
                        name,
                        checkedValue(
                                HEADERS + ": line " + number,
                                line.substring(colon + 1).strip()));
            }
        });
        String username = config.get(USERNAME).map(String::strip).orElse("");
        String password = config.get(PASSWORD).orElse("");
        if (!username.isEmpty() || !password.isEmpty()) {
            if (username.contains(":")) {
                throw new IllegalArgumentException(USERNAME + ": an HTTP Basic user name cannot hold ':'");
            }
            String pair = username + ":" + password;
            headers.put(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        config.get(COOKIES)
                .map(String::strip)
                .filter(cookies -> !cookies.isEmpty())
                .ifPresent(cookies -> {
                    for (String pair : cookies.split(";")) {
                        if (!pair.isBlank() && !pair.contains("=")) {
                            throw new IllegalArgumentException(COOKIES + ": '" + pair.strip() + "' is not name=value");
                        }
                    }
                    headers.put("Cookie", checkedValue(COOKIES, cookies));
                });
        return new SourceCredentials(origin(address), headers);
    }

    /** None: a source without credentials. */
    public static SourceCredentials none(URI address) {
        return new SourceCredentials(origin(address), Map.of());
    }

    /** The headers to add to a request for {@code target}: the credentials if it is on their origin, else none. */
    public Map<String, String> headersFor(URI target) {
        return headers.isEmpty() || !origin.equals(origin(target)) ? Map.of() : headers;
    }

    /** {@code base} with the credential headers for {@code target} added (the credentials win on a clash). */
    public Map<String, String> with(Map<String, String> base, URI target) {
        Map<String, String> all = new LinkedHashMap<>(base);
        all.putAll(headersFor(target));
        return all;
    }

    private static String checkedValue(String where, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw new IllegalArgumentException(where + " holds a control character");
            }
        }
        return value;
    }

    private static URI origin(URI address) {
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        String host = address.getHost() == null ? "" : address.getHost().toLowerCase(Locale.ROOT);
        int port = address.getPort();
        if (port == -1) {
            port = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        }
        try {
            return new URI(scheme, null, host, port, null, null, null);
        } catch (java.net.URISyntaxException unusable) {
            throw new IllegalArgumentException("not an address with a host: " + address, unusable);
        }
    }
}
