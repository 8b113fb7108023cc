package io.vigil.spi.rule;

import java.util.Objects;

/**
 * One word of an analysed field.
 *
 * @param surface the word as written ("Fortifications", "U.S.")
 * @param normalized lowercased, accents folded ("fortifications", "u.s")
 * @param stem the form used to match word variants ("fortif"); equal to {@code normalized} where no stemmer applies
 * @param position the word's index in the field, counting from 0
 * @param sentence the index of the sentence holding it, counting from 0
 * @param paragraph the index of the paragraph holding it, counting from 0
 * @param start the offset of the first character in the field text
 * @param end the offset after the last character
 */
public record Token(
        String surface, String normalized, String stem, int position, int sentence, int paragraph, int start, int end) {
    public Token {
        Objects.requireNonNull(surface, "surface is null");
        Objects.requireNonNull(normalized, "normalized is null");
        Objects.requireNonNull(stem, "stem is null");
    }
}
