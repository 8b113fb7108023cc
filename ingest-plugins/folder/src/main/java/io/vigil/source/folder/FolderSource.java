package io.vigil.source.folder;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.source.ContentFormat;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.DocumentSink;
import io.vigil.spi.source.RawDocument;
import io.vigil.spi.source.Source;
import io.vigil.spi.source.SourceContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads every matching file of a folder as a page dump, and on later fetches only the files that are new or whose
 * content changed. The cursor maps each file's relative path to the SHA-256 of the bytes last handed over, so a
 * restart re-reads nothing and a file touched without a change is ignored.
 */
final class FolderSource implements Source {

    private static final String FILE_KEY = "file:";

    private final Path folder;
    private final PathMatcher matcher;
    private final SourceContext context;

    FolderSource(Path folder, String glob, SourceContext context) {
        this.folder = folder;
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        this.context = context;
    }

    @Override
    public Cursor fetch(Cursor cursor, DocumentSink sink) throws TemporaryFailureException, PermanentFailureException {
        if (!Files.isDirectory(folder)) {
            throw new PermanentFailureException("folder " + folder + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> matcher.matches(file.getFileName()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new TemporaryFailureException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        Cursor next = cursor;
        for (Path file : files) {
            String relative = folder.relativize(file).toString();
            String key = FILE_KEY + relative;
            byte[] bytes;
            try {
                long size = Files.size(file);
                if (size > context.maxDocumentBytes()) {
                    sink.skip(relative, "too large: " + size + " bytes, the limit is " + context.maxDocumentBytes());
                    continue;
                }
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                sink.skip(relative, "unreadable: " + e.getMessage());
                continue;
            }
            String digest = sha256(bytes);
            if (digest.equals(cursor.get(key).orElse(null))) {
                continue;
            }
            String problem = null;
            String text = null;
            try {
                text = decodeUtf8(bytes);
                if (text.isBlank()) {
                    problem = "empty";
                } else if (looksBinary(text)) {
                    problem = "binary, not a text page dump";
                }
            } catch (CharacterCodingException e) {
                problem = "not UTF-8 text";
            }
            if (problem != null) {
                sink.skip(relative, problem);
            } else {
                sink.accept(new RawDocument(
                        relative,
                        file.toUri().toString(),
                        null,
                        text,
                        ContentFormat.PAGE_DUMP,
                        null,
                        null,
                        Map.of("file", relative)));
            }
            // A skipped file is remembered too: it is reported once, and again only when its content changes.
            next = next.with(key, digest);
        }
        return next;
    }

    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Valid UTF-8 can still be binary (NUL bytes, control characters); real page dumps have almost none. */
    private static boolean looksBinary(String text) {
        long control = text.chars()
                .filter(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
                .count();
        return control > 0 && control * 100 > text.length();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
