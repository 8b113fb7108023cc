package io.vigil.web.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A Vigil backup: one tar file holding {@code vigil-backup.properties} (what it is: format, schema version, when, from
 * which PostgreSQL), {@code archive.pgdump} ({@code pg_dump}'s custom format) and, when the instance had one, the
 * secrets key file {@code secrets-key} that decrypts the channel secrets in the archive. The file is made readable by
 * its owner only, since it holds that key.
 */
final class BackupFile {

    static final String MANIFEST = "vigil-backup.properties";
    static final String DUMP = "archive.pgdump";
    static final String SECRETS_KEY = "secrets-key";
    static final String FORMAT = "1";

    private BackupFile() {}

    /** What a backup holds, as read back: the manifest, the dump (in a temporary file) and the key, if any. */
    record Contents(Properties manifest, Path dump, Optional<byte[]> secretsKey) {}

    static void write(Path target, Properties manifest, Path dump, Optional<Path> secretsKey) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(
                parent,
                ".backup-",
                ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream file = Files.newOutputStream(partial);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                StringWriter text = new StringWriter();
                manifest.store(text, "Vigil backup (./vigil restore FILE puts it back)");
                add(tar, MANIFEST, text.toString().getBytes(StandardCharsets.UTF_8), 0644);
                TarArchiveEntry entry = new TarArchiveEntry(DUMP);
                entry.setSize(Files.size(dump));
                entry.setMode(0600);
                tar.putArchiveEntry(entry);
                Files.copy(dump, tar);
                tar.closeArchiveEntry();
                if (secretsKey.isPresent()) {
                    add(tar, SECRETS_KEY, Files.readAllBytes(secretsKey.get()), 0600);
                }
                tar.finish();
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    static Contents read(Path source, Path workFolder) throws IOException {
        Properties manifest = null;
        Path dump = null;
        byte[] key = null;
        try (InputStream file = Files.newInputStream(source);
                TarArchiveInputStream tar = new TarArchiveInputStream(file)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                switch (entry.getName()) {
                    case MANIFEST -> {
                        manifest = new Properties();
                        manifest.load(new StringReader(new String(tar.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                    case DUMP -> {
                        dump = workFolder.resolve(DUMP);
                        Files.copy(tar, dump, StandardCopyOption.REPLACE_EXISTING);
                    }
                    case SECRETS_KEY -> key = tar.readAllBytes();
                    default -> {
                        // a later format's extra entry: the manifest's format says whether this Vigil may go on
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(source + " is not a Vigil backup (" + e.getMessage() + ")", e);
        }
        if (manifest == null || dump == null) {
            throw new IOException(source + " is not a Vigil backup: it lacks " + (manifest == null ? MANIFEST : DUMP));
        }
        return new Contents(manifest, dump, Optional.ofNullable(key));
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
