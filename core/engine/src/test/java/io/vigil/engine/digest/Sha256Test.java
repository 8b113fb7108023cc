package io.vigil.engine.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void digestsAreTheStandardOnesInLowercaseHex() {
        // FIPS 180-2's examples: the empty string and "abc".
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void textIsDigestedAsItsUtf8Bytes() {
        String text = "Café in Zürich — Kyiv / Київ";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

        assertThat(Sha256.digest(text)).isEqualTo(Sha256.digest(utf8)).hasSize(32);
        assertThat(Sha256.hex(text))
                .isEqualTo(Sha256.hex(utf8))
                .isEqualTo(HexFormat.of().formatHex(Sha256.digest(utf8)));
        assertThat(Sha256.hex(text)).isNotEqualTo(Sha256.hex(text.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
