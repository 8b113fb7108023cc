package io.vigil.spi.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The answer to an {@link HttpCall}: status, headers (names case-insensitive), the decoded body bytes (gzip already
 * undone) and the URI it finally came from after redirects.
 */
public record HttpReply(int status, Map<String, List<String>> headers, byte[] body, URI finalUri) {

    public HttpReply {
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null) {
                    caseInsensitive.put(name, List.copyOf(values));
                }
            });
        }
        headers = caseInsensitive;
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as text in the charset the {@code Content-Type} names, UTF-8 otherwise. */
    public String bodyText() {
        Charset charset = StandardCharsets.UTF_8;
        String contentType = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        int at = contentType.indexOf("charset=");
        if (at >= 0) {
            String name = contentType.substring(at + 8).replace("\"", "").split("[;\\s]")[0];
            try {
                charset = Charset.forName(name);
            } catch (RuntimeException unknownCharset) {
                // keep UTF-8: a wrong label is common and UTF-8 is the most likely truth
            }
        }
        return new String(body, charset);
    }
}
