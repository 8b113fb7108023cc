package io.vigil.source.rss;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Repairs the two text garbles feeds produce most: C1 control characters that stand for windows-1252 punctuation
 * ({@code &#146;} meaning {@code ’}, as browsers read it), and UTF-8 read as windows-1252 ({@code â€¦} for
 * {@code …}).
 *
 * <p>The second repair only happens when the whole text, written back as windows-1252, is valid UTF-8: real
 * single-byte text almost never is, so correct text stays as it is.
 */
final class Mojibake {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Mojibake() {}

    static String repair(String text) {
        String punctuated = windows1252Controls(text);
        if (punctuated.chars().allMatch(c -> c < 0x80)) {
            return punctuated;
        }
        try {
            ByteBuffer bytes = WINDOWS_1252
                    .newEncoder()
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(punctuated));
            String decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
            return decoded.length() < punctuated.length() ? decoded : punctuated;
        } catch (CharacterCodingException notMojibake) {
            return punctuated;
        }
    }

    private static String windows1252Controls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append(new String(new byte[] {(byte) c}, WINDOWS_1252));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
