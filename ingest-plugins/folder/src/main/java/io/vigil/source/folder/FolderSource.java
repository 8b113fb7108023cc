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
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads every matching file of a folder as a page dump, and on later fetches only the files that are new or whose
 * content changed. The cursor maps each file's relative path to the SHA-256 of the bytes last handed over, so a
 * restart re-reads nothing and a file touched without a change is ignored.
 *
 * <p>Only below the host's {@linkplain io.vigil.spi.source.FolderRoots folder roots}: the folder is confined to them at
 * every fetch, and each file by its real path, so a link inside the folder cannot lead out. A sub-folder or file that
 * cannot be read is reported as skipped on the source's health, and the rest is read.
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
        // Checked at every fetch, not only when the source was saved: the roots or a link on the way may have changed.
        Path root = context.folderRoots().confine(folder);
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new PermanentFailureException("folder " + folder + " does not exist");
        }
        List<Path> files = list(root, sink);
        Cursor next = cursor;
        for (Path file : files) {
            String relative = root.relativize(file).toString();
            String key = FILE_KEY + relative;
            byte[] bytes;
            try {
                Path real = file.toRealPath();
                if (!context.folderRoots().contains(real)) {
                    sink.skip(relative, "a link to " + real + ", outside the folders Vigil may read");
                    continue;
                }
                bytes = readAtMost(real, context.maxDocumentBytes());
                if (bytes == null) {
                    sink.skip(relative, "too large: the limit is " + context.maxDocumentBytes() + " bytes");
                    continue;
                }
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

    /**
     * The matching files below {@code root}, in order. Folders that cannot be listed are reported on the source and
     * left out; links to folders are not followed (a link to a file is, if it stays within the roots).
     */
    private List<Path> list(Path root, DocumentSink sink) throws TemporaryFailureException {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    boolean fileOrLink = attributes.isRegularFile() || attributes.isSymbolicLink();
                    if (fileOrLink && matcher.matches(file.getFileName())) {
                        if (attributes.isSymbolicLink() && Files.isDirectory(file)) {
                            sink.skip(root.relativize(file).toString(), "a link to a folder; not followed");
                        } else if (attributes.isRegularFile() || Files.isRegularFile(file)) {
                            files.add(file);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    sink.skip(root.relativize(file) + (Files.isDirectory(file) ? "/" : ""), "unreadable: " + reason(e));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) {
                    if (e != null) {
                        sink.skip(root.relativize(directory) + "/", "not fully listed: " + reason(e));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new TemporaryFailureException("cannot list " + folder + ": " + reason(e), e);
        }
        files.sort(null);
        return files;
    }

    private static String reason(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }

    /** The file's bytes, or {@code null} when it holds more than {@code limit}; never reads past the limit. */
    private static byte[] readAtMost(Path file, long limit) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            return bytes.length > limit ? null : bytes;
        }
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
