package io.vigil.engine.secret;

import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How settings are shown to someone who may not see credentials (viewers and analysts): secret fields left out, and
 * the credentials in URLs masked. A URL field declared {@link ConfigField#credentialUrl()} (a chat webhook URL) shows
 * only its scheme and host; any other URL field shows all but its user-info and the values of token-like query
 * parameters ({@code token}, {@code key}, {@code secret}, {@code sig}, {@code password}, {@code auth}, …).
 *
 * <p>A masked value is what a client may send back unchanged: {@link #keepSaved} then keeps the saved value, so an
 * edit never overwrites a credential with its mask.
 */
public final class CredentialMasks {

    /** What stands where a credential was. */
    public static final String MASK = "•••";

    private static final Pattern TOKEN_LIKE =
            Pattern.compile("(?i)token|key|secret|passw|pwd|auth|sig|session|credential|access|hash|code");

    private CredentialMasks() {}

    /**
     * The settings to show: secrets left out, and URLs masked unless {@code whole}.
     *
     * @param whole whether the reader may see credentials (an admin)
     */
    public static Map<String, String> shown(ConfigSpec spec, Map<String, String> config, boolean whole) {
        Map<String, String> shown = new HashMap<>();
        config.forEach((name, value) -> {
            Optional<ConfigField> field = spec.field(name);
            if (field.map(ConfigField::secret).orElse(false) || SealedValues.isSealed(value)) {
                return;
            }
            shown.put(name, whole || field.isEmpty() ? value : masked(field.get(), value));
        });
        return shown;
    }

    /** The value of {@code field} as shown to someone who may not see credentials. */
    public static String masked(ConfigField field, String value) {
        if (value == null || field.type() != FieldType.URL) {
            return value;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return field.credentialUrl() ? MASK : value;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return field.credentialUrl() ? MASK : value;
        }
        String host = uri.getHost() == null ? authorityWithoutUserInfo(uri.getRawAuthority()) : hostAndPort(uri);
        StringBuilder shown = new StringBuilder(uri.getScheme()).append("://");
        if (field.credentialUrl()) {
            shown.append(host).append('/');
            boolean more = (uri.getRawPath() != null && uri.getRawPath().length() > 1) || uri.getRawQuery() != null;
            return more ? shown.append(MASK).toString() : shown.toString();
        }
        if (uri.getRawUserInfo() != null) {
            shown.append(MASK).append('@');
        }
        shown.append(host);
        if (uri.getRawPath() != null) {
            shown.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            shown.append('?').append(maskedQuery(uri.getRawQuery()));
        }
        if (uri.getRawFragment() != null) {
            shown.append('#').append(uri.getRawFragment());
        }
        return shown.toString();
    }

    /** Whether {@code value} shows a credential that {@link #masked} hides: the whole value is an admin's to see. */
    public static boolean carriesCredential(ConfigField field, String value) {
        return value != null && !value.equals(masked(field, value));
    }

    /**
     * The config to save from what a client sent: a secret left blank keeps its saved value, and a URL sent back as
     * its mask keeps the saved URL — but a saved secret is kept only while every URL setting still points at the
     * origin (scheme, host and port) it was saved for. Secrets are write-only, so whoever moves a channel or source to
     * another host must type them again; otherwise an edit could send a token no one may read to a server of the
     * editor's choosing (as a redirect to another origin drops credentials, {@code GuardedHttpClient}).
     *
     * @param saved the saved settings (sealed secrets as they are), empty for a new channel or source
     */
    public static Map<String, String> keepSaved(ConfigSpec spec, Map<String, String> saved, Map<String, String> given) {
        Map<String, String> merged = new HashMap<>(given);
        for (ConfigField field : spec.fields()) {
            String value = merged.get(field.name());
            String kept = saved.get(field.name());
            if (kept == null || field.secret()) {
                continue;
            }
            boolean blank = value == null || value.isBlank();
            if (!blank && !value.strip().equals(kept) && value.strip().equals(masked(field, kept))) {
                merged.put(field.name(), kept);
            }
        }
        boolean sameDestination = sameDestination(spec, saved, merged);
        for (ConfigField field : spec.fields()) {
            String value = merged.get(field.name());
            String kept = saved.get(field.name());
            if (field.secret() && kept != null && (value == null || value.isBlank())) {
                if (sameDestination) {
                    merged.put(field.name(), kept);
                } else {
                    merged.remove(field.name());
                }
            }
        }
        return merged;
    }

    /**
     * Whether every URL setting of {@code given} has the origin it has in {@code saved} (a setting left out counts as
     * its default), so that saved secrets still go only where they went.
     */
    public static boolean sameDestination(ConfigSpec spec, Map<String, String> saved, Map<String, String> given) {
        for (ConfigField field : spec.fields()) {
            if (field.type() != FieldType.URL || field.secret()) {
                continue;
            }
            if (!origin(effective(field, saved)).equals(origin(effective(field, given)))) {
                return false;
            }
        }
        return true;
    }

    private static String effective(ConfigField field, Map<String, String> config) {
        String value = config.get(field.name());
        if (value == null || value.isBlank()) {
            value = field.defaultValue();
        }
        return value == null ? "" : value.strip();
    }

    /** {@code scheme://host:port} in lower case with the scheme's port made explicit; the text itself if no URL. */
    private static String origin(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return url;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0
                    ? uri.getPort()
                    : switch (scheme) {
                        case "http" -> 80;
                        case "https" -> 443;
                        default -> -1;
                    };
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /**
     * A free text (an error message, a skipped item's reason) with the credentials of every URL in it masked as a
     * plain URL setting's are: user-info and the values of token-like query parameters. One pass over the text, so a
     * hostile message costs time in proportion to its length.
     */
    public static String maskedText(String text) {
        if (text == null || !text.contains("://")) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length());
        int copied = 0;
        int from = 0;
        int separator;
        while ((separator = text.indexOf("://", from)) >= 0) {
            int start = separator;
            while (start > copied && isSchemeChar(text.charAt(start - 1))) {
                start--;
            }
            int end = separator + 3;
            while (end < text.length() && !endsUrl(text.charAt(end))) {
                end++;
            }
            while (end > separator + 3 && ".,;:!?)]}".indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            if (start == separator) {
                from = separator + 3;
                continue;
            }
            shown.append(text, copied, start).append(maskedUrlText(text.substring(start, end), separator - start));
            copied = end;
            from = Math.max(end, separator + 3);
        }
        return shown.append(text, copied, text.length()).toString();
    }

    /**
     * A free text about a channel or source (a delivery's or a fetch's error) with that plugin's own credentials taken
     * out, then masked as {@link #maskedText(String)} masks any text. A plugin's message may quote its settings in
     * ways no URL pattern recognises — a chat webhook's secret path on its own, a bot token inside an API path — so
     * every secret field's value becomes {@link #MASK}, and every URL setting that carries a credential its masked
     * form, wherever they appear; a credential URL's path is masked on its own too.
     *
     * @param config the settings in clear (opened), as the plugin saw them
     */
    public static String maskedText(String text, ConfigSpec spec, Map<String, String> config) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String shown = text;
        for (ConfigField field : spec.fields()) {
            String value = config.get(field.name());
            if (value == null || value.strip().length() < MIN_MASKED_LENGTH) {
                continue;
            }
            value = value.strip();
            if (field.secret()) {
                shown = shown.replace(value, MASK);
            } else if (field.type() == FieldType.URL && carriesCredential(field, value)) {
                shown = shown.replace(value, masked(field, value));
                String path = credentialPart(field, value);
                if (path != null) {
                    shown = shown.replace(path, "/" + MASK);
                }
            }
        }
        return maskedText(shown);
    }

    /** Values shorter than this are not searched for: masking every "1" or "on" in a message would say nothing. */
    private static final int MIN_MASKED_LENGTH = 4;

    /** The path and query of a credential URL (where a chat webhook keeps its secret), or null when too short. */
    private static String credentialPart(ConfigField field, String value) {
        if (!field.credentialUrl()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String part = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
            return part.length() > MIN_MASKED_LENGTH ? part : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** One URL found in a text, masked without parsing it strictly (a message may quote a malformed one). */
    private static String maskedUrlText(String url, int schemeLength) {
        int authorityStart = schemeLength + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        StringBuilder shown = new StringBuilder(url.length()).append(url, 0, authorityStart);
        int at = url.lastIndexOf('@', authorityEnd - 1);
        if (at >= authorityStart) {
            shown.append(MASK).append(url, at, authorityEnd);
        } else {
            shown.append(url, authorityStart, authorityEnd);
        }
        int query = url.indexOf('?', authorityEnd);
        if (query < 0) {
            return shown.append(url, authorityEnd, url.length()).toString();
        }
        int fragment = url.indexOf('#', query);
        int queryEnd = fragment < 0 ? url.length() : fragment;
        return shown.append(url, authorityEnd, query + 1)
                .append(maskedQuery(url.substring(query + 1, queryEnd)))
                .append(url, queryEnd, url.length())
                .toString();
    }

    private static boolean isSchemeChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '-'
                || c == '.';
    }

    private static boolean endsUrl(char c) {
        return Character.isWhitespace(c) || "\"'<>`".indexOf(c) >= 0;
    }

    private static String maskedQuery(String query) {
        StringBuilder shown = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            if (!shown.isEmpty()) {
                shown.append('&');
            }
            int equals = pair.indexOf('=');
            if (equals > 0 && TOKEN_LIKE.matcher(pair.substring(0, equals)).find()) {
                shown.append(pair, 0, equals + 1).append(MASK);
            } else {
                shown.append(pair);
            }
        }
        return shown.toString();
    }

    private static String hostAndPort(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static String authorityWithoutUserInfo(String authority) {
        int at = authority.lastIndexOf('@');
        return at < 0 ? authority : authority.substring(at + 1);
    }
}
