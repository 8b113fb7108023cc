package io.vigil.web.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a client is told about a JSON body Vigil could not read, in its own terms: the field and the kind of value it
 * takes ({@code until must be a time such as 2027-01-31T18:00:00Z}), or where the text stops being JSON. Jackson's
 * own messages name Java types ({@code java.time.Instant}, {@code java.lang.Long}), which mean nothing to a client and
 * say more about the server than it needs to.
 */
public final class JsonRefusals {

    private static final Pattern JAVA_TYPE = Pattern.compile("`?(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)`?");

    /** Where Jackson says a bound comes from: {@code , from `StreamReadConstraints.getMaxNestingDepth()`}. */
    private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(",? from `[^`]*`");

    private JsonRefusals() {}

    /**
     * A body, or a pushed line, that goes past a bound of the JSON reader (nesting depth, the length of a number,
     * string or name): the bound and the value, without the Java method that sets it.
     */
    public static String beyondBound(StreamConstraintsException e) {
        String message = e.getOriginalMessage();
        return message == null
                ? "the JSON goes past what Vigil reads"
                : CONSTRAINT_SOURCE.matcher(message).replaceAll("");
    }

    static String detail(JsonProcessingException e, String field) {
        if (e instanceof StreamConstraintsException beyond) {
            return beyondBound(beyond);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String kind = kindOf(mismatch.getTargetType());
            String given =
                    mismatch instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
                            ? " (not \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\")"
                            : "";
            // The field is known from Jackson's path; a value deep in a list or map may have none
            return (field == null ? "a value" : field) + " must be " + kind + given;
        }
        if (e instanceof StreamReadException) {
            JsonLocation where = e.getLocation();
            return "the body is not valid JSON"
                    + (where == null || where.getLineNr() < 1
                            ? ""
                            : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
        }
        String message = e.getOriginalMessage();
        return message == null
                ? "the body could not be read as JSON"
                : JAVA_TYPE.matcher(message).replaceAll("$1");
    }

    private static String kindOf(Class<?> type) {
        if (type == Long.class
                || type == long.class
                || type == Integer.class
                || type == int.class
                || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "text";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a time such as 2027-01-31T18:00:00Z";
        }
        if (type == java.time.Duration.class || type == java.time.Period.class) {
            return "a duration such as PT30M or P7D";
        }
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                names.append(names.isEmpty() ? "" : ", ")
                        .append(constant.toString().toLowerCase(java.util.Locale.ROOT));
            }
            return "one of " + names;
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)
                || type.isRecord()
                || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
