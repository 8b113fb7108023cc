package io.vigil.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A yes-or-no field of a request body takes {@code true} or {@code false}, not a number: Jackson's default reads
 * {@code "readOnly": 7} as true and {@code 0} as false, so a client that sent a count or an id by mistake got a
 * token or rule with a setting it never meant, without a word. A number there is now refused like any other value
 * of the wrong kind ({@code readOnly must be true or false}).
 */
@Singleton
public class StrictJsonScalars implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }
}
