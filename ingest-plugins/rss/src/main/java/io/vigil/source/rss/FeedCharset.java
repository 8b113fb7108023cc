package io.vigil.source.rss;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decodes a feed's bytes into text, deciding the encoding the way feeds in the wild need.
 *
 * <ol>
 *   <li>A byte-order mark wins, and so does the byte pattern of {@code <?xml} in UTF-16 or UTF-32 without one.
 *   <li>Bytes that are valid UTF-8 are read as UTF-8, whatever the declarations say: a prolog that claims ISO-8859-1
 *       over UTF-8 bytes is a common CMS bug, and single-byte text is almost never valid UTF-8 by accident.
 *   <li>Otherwise the charset of the HTTP {@code Content-Type}, then the XML declaration's, then the guess of
 *       Mozilla's universal charset detector (juniversalchardet), then windows-1252. ISO-8859-1 and US-ASCII are
 *       read as windows-1252, as browsers do, because that is what such feeds hold.
 * </ol>
 */
final class FeedCharset {

    private static final Pattern DECLARED =
            Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']", Pattern.DOTALL);
    private static final Pattern HTTP_CHARSET =
            Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private FeedCharset() {}

    static String decode(byte[] bytes, String contentType) {
        Charset byMarks = byteOrderMark(bytes);
        if (byMarks != null) {
            return stripMark(new String(bytes, byMarks));
        }
        Optional<String> utf8 = strictUtf8(bytes);
        if (utf8.isPresent()) {
            return stripMark(utf8.get());
        }
        Charset charset = fromHttp(contentType)
                .or(() -> fromDeclaration(bytes))
                .filter(candidate -> !candidate.equals(StandardCharsets.UTF_8))
                .orElseGet(() -> detected(bytes));
        return stripMark(new String(bytes, charset));
    }

    private static Charset byteOrderMark(byte[] b) {
        if (starts(b, 0x00, 0x00, 0xFE, 0xFF) || starts(b, 0x00, 0x00, 0x00, 0x3C)) {
            return Charset.forName("UTF-32BE");
        }
        if (starts(b, 0xFF, 0xFE, 0x00, 0x00) || starts(b, 0x3C, 0x00, 0x00, 0x00)) {
            return Charset.forName("UTF-32LE");
        }
        if (starts(b, 0xEF, 0xBB, 0xBF)) {
            return StandardCharsets.UTF_8;
        }
        if (starts(b, 0xFE, 0xFF) || starts(b, 0x00, 0x3C, 0x00, 0x3F)) {
            return StandardCharsets.UTF_16BE;
        }
        if (starts(b, 0xFF, 0xFE) || starts(b, 0x3C, 0x00, 0x3F, 0x00)) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> strictUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    /**
     * The encoding Mozilla's universal detector reads from the bytes of a feed that names none (or names UTF-8 over
     * bytes that are not), windows-1252 when it has no confident answer: that is what such feeds hold most often.
     */
    private static Charset detected(byte[] bytes) {
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(bytes, 0, Math.min(bytes.length, 256 * 1024));
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        return name == null
                ? WINDOWS_1252
                : named(name)
                        .filter(found -> !found.equals(StandardCharsets.UTF_8))
                        .orElse(WINDOWS_1252);
    }

    private static Optional<Charset> fromHttp(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher matcher = HTTP_CHARSET.matcher(contentType);
        return matcher.find() ? named(matcher.group(1)) : Optional.empty();
    }

    private static Optional<Charset> fromDeclaration(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
        // A feedparser-style comment may precede the declaration; look past it.
        int declaration = head.indexOf("<?xml");
        Matcher matcher = DECLARED.matcher(declaration < 0 ? head : head.substring(declaration));
        return matcher.find() ? named(matcher.group(1)) : Optional.empty();
    }

    private static Optional<Charset> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("iso-8859-1")
                || lower.equals("latin1")
                || lower.equals("latin-1")
                || lower.equals("us-ascii")
                || lower.equals("ascii")
                || lower.equals("iso8859-1")) {
            return Optional.of(WINDOWS_1252);
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (RuntimeException unknown) {
            return Optional.empty();
        }
    }

    private static String stripMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
