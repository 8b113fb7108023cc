package io.vigil.spi.rule;

import java.util.List;
import java.util.Objects;

/**
 * The tokens of one field, in text order, with the original text they were read from.
 *
 * @param name the field name ({@link MatchInput#TITLE}, {@link MatchInput#BODY})
 * @param text the original text; token offsets point into it
 * @param tokens the tokens, positions increasing
 */
public record AnalyzedField(String name, String text, List<Token> tokens) {
    public AnalyzedField {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(text, "text is null");
        tokens = List.copyOf(tokens);
    }
}
