package io.vigil.web.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A request path reduced to the route it can reach: percent-decoded, matrix parameters ({@code ;x}) dropped from every
 * segment, empty and {@code .} segments dropped, {@code ..} applied, lower case. Used only to choose the form of a
 * refusal (a 401 for the API, the login page for pages) — never to decide who may call what: that is declared at each
 * endpoint and checked after routing.
 */
final class RequestPaths {

    private RequestPaths() {}

    static String canonical(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            decoded = rawPath;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.split("/")) {
            int matrix = segment.indexOf(';');
            String name = matrix >= 0 ? segment.substring(0, matrix) : segment;
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(name.toLowerCase(Locale.ROOT));
            }
        }
        return "/" + String.join("/", segments);
    }
}
