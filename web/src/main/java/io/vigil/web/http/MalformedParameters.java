package io.vigil.web.http;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Reads every numeric and enum query parameter and form field, and every boolean query parameter, so a value that is
 * not one ({@code limit=abc}, {@code dryRun=yes}) is a {@code 400} problem naming the parameter. JAX-RS answers a query parameter it cannot convert with {@code 404}, as if
 * the page did not exist, and a form field with a {@code 400} that names nothing. Path parameters keep the 404: no
 * {@code /api/rules/abc} exists.
 */
@Provider
public class MalformedParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>)
                    converter(name, "a whole number", Integer::valueOf, rawType == int.class ? 0 : null);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>)
                    converter(name, "a whole number", Long::valueOf, rawType == long.class ? 0L : null);
        }
        if (rawType == Double.class || rawType == double.class) {
            return (ParamConverter<T>)
                    converter(name, "a number", Double::valueOf, rawType == double.class ? 0.0 : null);
        }
        if ((rawType == Boolean.class || rawType == boolean.class) && isQuery(annotations)) {
            // JAX-RS reads anything but "true" as false: ?dryRun=yes or ?dryRun=1 on an import would apply it.
            return (ParamConverter<T>) converter(
                    name,
                    "true or false (or 1 or 0)",
                    MalformedParameters::strictBoolean,
                    rawType == boolean.class ? false : null);
        }
        if (rawType.isEnum()) {
            return (ParamConverter<T>) enumConverter(name, (Class<? extends Enum>) rawType);
        }
        return null;
    }

    /** Whether the parameter is a query parameter (a form's checkbox sends {@code on}, so form fields are left alone). */
    private static boolean isQuery(Annotation[] annotations) {
        return Arrays.stream(annotations)
                .anyMatch(annotation -> annotation instanceof QueryParam || annotation instanceof RestQuery);
    }

    private static Boolean strictBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            // "0" too: REST hands an absent primitive boolean over as "0"
            case "false", "0" -> Boolean.FALSE;
            default -> throw new NumberFormatException(value);
        };
    }

    /** The parameter's name as the caller writes it; null for anything but a query parameter or form field. */
    private static String parameterName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            String name =
                    switch (annotation) {
                        case QueryParam query -> query.value();
                        case RestQuery query -> query.value();
                        case FormParam form -> form.value();
                        case RestForm form -> form.value();
                        default -> null;
                    };
            if (name != null) {
                // An unnamed @RestQuery or @RestForm takes the Java parameter's name, which annotations do not carry.
                return name.isEmpty() ? "a parameter" : name;
            }
        }
        return null;
    }

    /**
     * @param absent what a missing or empty value reads as: the type's default for a primitive (REST hands such a
     *     parameter to the converter as an empty value), null otherwise
     */
    private static <T> ParamConverter<T> converter(String name, String what, Function<String, T> parse, T absent) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank()) {
                    return absent;
                }
                try {
                    return parse.apply(value.strip());
                } catch (NumberFormatException e) {
                    throw malformed(name, name + " must be " + what + ", not \"" + shown(value) + "\"");
                }
            }

            @Override
            public String toString(T value) {
                return String.valueOf(value);
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <E extends Enum<E>> ParamConverter<E> enumConverter(String name, Class<? extends Enum> type) {
        Class<E> enumType = (Class<E>) type;
        return new ParamConverter<>() {
            @Override
            public E fromString(String value) {
                if (value == null) {
                    return null;
                }
                for (E constant : enumType.getEnumConstants()) {
                    if (constant.name().equalsIgnoreCase(value.strip())) {
                        return constant;
                    }
                }
                String allowed = Arrays.stream(enumType.getEnumConstants())
                        .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
                throw malformed(name, name + " must be one of " + allowed + ", not \"" + shown(value) + "\"");
            }

            @Override
            public String toString(E value) {
                return value.name().toLowerCase(Locale.ROOT);
            }
        };
    }

    /** The caller's value as quoted back: one line, at most 40 characters. */
    private static String shown(String value) {
        String line = io.vigil.engine.input.TextLimits.oneLine(value);
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }

    private static MalformedParameterException malformed(String name, String detail) {
        return new MalformedParameterException(
                Problem.of(400, "Bad Request", detail).withField(name.equals("a parameter") ? null : name));
    }

    /**
     * Thrown from a converter: a {@code WebApplicationException}, so REST hands it on as it is instead of wrapping it
     * into a 404 or a bare 400.
     */
    static final class MalformedParameterException extends jakarta.ws.rs.WebApplicationException {
        MalformedParameterException(Problem problem) {
            super(problem.detail(), problem.toResponse());
        }
    }
}
