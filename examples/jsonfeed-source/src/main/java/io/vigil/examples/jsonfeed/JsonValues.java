package io.vigil.examples.jsonfeed;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JSON document (RFC 8259) with Gson into plain Java values: {@link Map} (in document order), {@link List},
 * {@link String}, {@link BigDecimal}, {@link Boolean} and {@code null}.
 *
 * <p>Gson is the plugin's own library: it is packed into {@code plugins/jsonfeed/} next to the plugin's jar and loaded
 * by the plugin's class loader, isolated from the host's JSON library (Jackson) and its version. Strict RFC 8259
 * reading; nesting deeper than {@value #MAX_DEPTH} is refused, so a hostile document cannot exhaust the stack.
 */
final class JsonValues {

    private static final int MAX_DEPTH = 64;

    private static final Pattern WHERE = Pattern.compile("line (\\d+) column (\\d+)");

    private JsonValues() {}

    /**
     * The value the document holds.
     *
     * @throws IllegalArgumentException saying where the first error is
     */
    static Object read(String text) {
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (JsonReader in = new JsonReader(new StringReader(json))) {
            in.setStrictness(Strictness.STRICT);
            in.setNestingLimit(MAX_DEPTH);
            Object value = value(in);
            if (in.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("unexpected text after the document");
            }
            return value;
        } catch (IOException | IllegalStateException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    /** Gson's reason in words for the user who sees it on the source: what is wrong, and where. */
    private static String describe(Exception error) {
        String message = String.valueOf(error.getMessage());
        Matcher where = WHERE.matcher(message);
        String at = where.find() ? " at line " + where.group(1) + " column " + where.group(2) : "";
        if (message.contains("Nesting limit")) {
            return "the document is nested deeper than " + MAX_DEPTH + " levels" + at;
        }
        if (error instanceof java.io.EOFException) {
            return "the document ends too early" + at;
        }
        return "the document is not valid JSON" + at;
    }

    private static Object value(JsonReader in) throws IOException {
        return switch (in.peek()) {
            case BEGIN_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    object.put(name, value(in));
                }
                in.endObject();
                yield object;
            }
            case BEGIN_ARRAY -> {
                List<Object> array = new ArrayList<>();
                in.beginArray();
                while (in.hasNext()) {
                    array.add(value(in));
                }
                in.endArray();
                yield array;
            }
            case STRING -> in.nextString();
            case NUMBER -> new BigDecimal(in.nextString());
            case BOOLEAN -> in.nextBoolean();
            case NULL -> {
                in.nextNull();
                yield null;
            }
            default -> throw new IllegalArgumentException("unexpected " + in.peek() + " at " + in.getPath());
        };
    }
}
