package io.vigil.engine.watch;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link Delivery} as its id ({@code immediate}, …), as the {@code rule.delivery} check allows. */
@Converter
public class DeliveryColumn implements AttributeConverter<Delivery, String> {

    @Override
    public String convertToDatabaseColumn(Delivery delivery) {
        return delivery == null ? null : delivery.id();
    }

    @Override
    public Delivery convertToEntityAttribute(String id) {
        return id == null
                ? null
                : Delivery.of(id).orElseThrow(() -> new IllegalStateException("unknown delivery '" + id + "' stored"));
    }
}
