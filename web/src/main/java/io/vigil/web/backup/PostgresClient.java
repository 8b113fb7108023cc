package io.vigil.web.backup;

import io.vigil.web.database.SystemCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL's client programs {@code pg_dump} and {@code pg_restore}: from {@code VIGIL_PG_BIN} if set, else the PATH,
 * else the newest {@code /usr/lib/postgresql/N/bin} (Debian's layout). The embedded PostgreSQL's package carries the
 * server only (initdb, pg_ctl, postgres), so a backup needs these installed (Debian/Ubuntu: postgresql-client).
 */
record PostgresClient(Path pgDump, Path pgRestore, int major) {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    /** The client programs, checked to be new enough for a server of major version {@code serverMajor}. */
    static PostgresClient find(int serverMajor) throws IOException {
        Path pgDump = locate("pg_dump");
        Path pgRestore = locate("pg_restore");
        String version = SystemCommand.of(List.of(pgDump.toString(), "--version"))
                .runOrFail(Duration.ofSeconds(20), "pg_dump --version")
                .output();
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.find()) {
            throw new IOException("cannot tell the version of " + pgDump + " (it says: " + version.strip() + ")");
        }
        int major = Integer.parseInt(matcher.group(1));
        if (major < serverMajor) {
            throw new IOException(pgDump + " is of PostgreSQL " + major + " and cannot dump a PostgreSQL "
                    + serverMajor + " server: install PostgreSQL " + serverMajor + "'s client programs or newer,"
                    + " or point VIGIL_PG_BIN at their folder.");
        }
        return new PostgresClient(pgDump, pgRestore, major);
    }

    private static Path locate(String program) throws IOException {
        String configured = System.getenv("VIGIL_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured, program);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new IOException(program + " is not in VIGIL_PG_BIN (" + configured + ")");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        Optional<Path> debian = debianInstall(program);
        if (debian.isPresent()) {
            return debian.get();
        }
        throw new IOException(program + " is missing: backups need PostgreSQL's client programs pg_dump and"
                + " pg_restore (Debian/Ubuntu: apt-get install postgresql-client; elsewhere the PostgreSQL client"
                + " package), on the PATH or in VIGIL_PG_BIN. The embedded PostgreSQL ships the server only.");
    }

    private static Optional<Path> debianInstall(String program) throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(
                            dir -> Integer.parseInt(dir.getFileName().toString())))
                    .map(dir -> dir.resolve("bin").resolve(program))
                    .filter(Files::isExecutable);
        }
    }
}
