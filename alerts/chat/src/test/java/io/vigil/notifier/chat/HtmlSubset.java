package io.vigil.notifier.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HTML as a chat service with a tag whitelist does (Telegram's {@code parse_mode=HTML}, Matrix's
 * {@code formatted_body}): only the allowed tags, properly nested, no stray {@code <}, {@code >} or {@code &}, and
 * only the entities the service knows. Answers the visible text, or throws with the reason the service would give.
 */
public final class HtmlSubset {

    private static final Pattern TAG =
            Pattern.compile("<(/?)([a-z][a-z0-9-]*)((?:\\s+[a-z-]+=\"[^\"<>]*\")*)\\s*(/?)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#\\d{1,7}|#x[0-9a-fA-F]{1,6});");
    private static final Set<String> VOID = Set.of("br", "hr");

    private HtmlSubset() {}

    /** The text a reader sees; throws {@link IllegalArgumentException} for anything the service would refuse. */
    public static String visibleText(String html, Set<String> allowedTags) {
        StringBuilder text = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                Matcher tag = TAG.matcher(html).region(i, html.length());
                if (!tag.lookingAt()) {
                    throw new IllegalArgumentException(
                            "can't parse entities: unsupported start tag at byte offset " + i);
                }
                String name = tag.group(2);
                if (!allowedTags.contains(name)) {
                    throw new IllegalArgumentException("can't parse entities: unsupported tag \"" + name + "\"");
                }
                if (tag.group(1).isEmpty()) {
                    if (!VOID.contains(name) && tag.group(4).isEmpty()) {
                        open.push(name);
                    }
                } else if (open.isEmpty() || !open.pop().equals(name)) {
                    throw new IllegalArgumentException("can't parse entities: unmatched end tag \"" + name + "\"");
                }
                if (name.equals("br")) {
                    text.append('\n');
                }
                i = tag.end();
            } else if (c == '&') {
                Matcher entity = ENTITY.matcher(html).region(i, html.length());
                if (!entity.lookingAt()) {
                    throw new IllegalArgumentException("can't parse entities: unknown entity at byte offset " + i);
                }
                text.append(
                        switch (entity.group(1)) {
                            case "lt" -> "<";
                            case "gt" -> ">";
                            case "amp" -> "&";
                            case "quot" -> "\"";
                            default ->
                                entity.group(1).startsWith("#x")
                                        ? Character.toString(
                                                Integer.parseInt(entity.group(1).substring(2), 16))
                                        : Character.toString(
                                                Integer.parseInt(entity.group(1).substring(1)));
                        });
                i = entity.end();
            } else if (c == '>') {
                throw new IllegalArgumentException("can't parse entities: unexpected > at byte offset " + i);
            } else {
                text.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("can't parse entities: tag \"" + open.peek() + "\" is not closed");
        }
        return text.toString();
    }
}
