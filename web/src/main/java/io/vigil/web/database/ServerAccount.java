package io.vigil.web.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The operating-system account the embedded PostgreSQL runs as. PostgreSQL refuses to run as root (a server running as
 * root could write any file of the machine through SQL), and our machines, CI and many containers run as root: then
 * the server runs as the dedicated system account {@value #DEDICATED}, created when it is missing, which owns the data
 * folder and nothing else. Any other user runs the server as itself.
 */
public record ServerAccount(String name, boolean dedicated) {

    /** The system account that runs the embedded PostgreSQL when Vigil runs as root. */
    public static final String DEDICATED = "vigil-postgres";

    private static final Logger LOG = Logger.getLogger(ServerAccount.class);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(30);

    /** The account for a server started by this process: this process's own, or the dedicated one when it is root. */
    public static ServerAccount forThisProcess() throws IOException {
        if (!runsAsRoot()) {
            return new ServerAccount(System.getProperty("user.name"), false);
        }
        if (!exists(DEDICATED)) {
            create(DEDICATED);
        }
        return new ServerAccount(DEDICATED, true);
    }

    /** Whether this process's effective user is root (uid 0), read from {@code /proc/self/status}. */
    static boolean runsAsRoot() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("Uid:"))
                    .map(line -> line.substring(4).trim().split("\\s+"))
                    .anyMatch(ids -> ids.length > 1 && ids[1].equals("0"));
        }
    }

    private static boolean exists(String account) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.anyMatch(line -> line.startsWith(account + ":"));
        }
    }

    private static void create(String account) throws IOException {
        List<List<String>> ways = List.of(
                List.of(
                        locate("useradd").map(Path::toString).orElse("useradd"),
                        "--system",
                        "--user-group",
                        "--no-create-home",
                        "--home-dir",
                        "/nonexistent",
                        "--shell",
                        "/usr/sbin/nologin",
                        account),
                // BusyBox (Alpine and other small images)
                List.of(
                        locate("adduser").map(Path::toString).orElse("adduser"),
                        "-S",
                        "-D",
                        "-H",
                        "-h",
                        "/nonexistent",
                        "-s",
                        "/sbin/nologin",
                        account));
        List<String> failures = new ArrayList<>();
        for (List<String> way : ways) {
            try {
                SystemCommand.Result result = SystemCommand.of(way).run(COMMAND_LIMIT);
                if (result.succeeded() && exists(account)) {
                    LOG.infof(
                            "Created the system account %s to run the embedded PostgreSQL (PostgreSQL refuses to run as root)",
                            account);
                    return;
                }
                failures.add(way.getFirst() + ": " + result.tail());
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        throw new IOException("Vigil runs as root and PostgreSQL refuses to: the system account " + account
                + " that would run the embedded PostgreSQL could not be created (" + String.join("; ", failures)
                + "). Create it (useradd --system " + account + "), run Vigil as another user, or configure a"
                + " PostgreSQL server with QUARKUS_DATASOURCE_JDBC_URL.");
    }

    /** {@code command} as this account runs it. */
    public SystemCommand command(List<String> command) {
        if (!dedicated) {
            return SystemCommand.of(command);
        }
        List<String> asAccount = new ArrayList<>();
        var runuser = locate("runuser");
        if (runuser.isPresent()) {
            asAccount.addAll(List.of(runuser.get().toString(), "-u", name, "--"));
        } else {
            asAccount.addAll(List.of(
                    locate("setpriv").map(Path::toString).orElse("setpriv"),
                    "--reuid=" + name,
                    "--regid=" + name,
                    "--init-groups"));
        }
        asAccount.addAll(command);
        return SystemCommand.of(asAccount);
    }

    /** Makes this account the owner of {@code path} (the dedicated account only; any other owns its files already). */
    public void own(Path path) throws IOException {
        if (!dedicated) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(name);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(name);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
    }

    /**
     * Fails with a message a person can act on when this account cannot enter {@code folder}: the dedicated account is
     * no member of anything, so every folder above the data folder must let others pass ({@code o+x}).
     */
    public void checkCanReach(Path folder) throws IOException {
        if (!dedicated) {
            return;
        }
        for (Path step = folder.toAbsolutePath().normalize(); step != null; step = step.getParent()) {
            if (!Files.exists(step)) {
                continue;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(step);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("The embedded PostgreSQL runs as the system account " + name
                        + " (PostgreSQL refuses to run as root), and " + step + " is closed to other users, so it"
                        + " cannot reach " + folder + ". Let others pass (chmod o+x " + step + "), set"
                        + " VIGIL_STATE_DIR to a folder outside it, or configure a PostgreSQL server with"
                        + " QUARKUS_DATASOURCE_JDBC_URL.");
            }
        }
    }

    /** Where {@code program} is: on the PATH, or in the system folders root's PATH has and others' may lack. */
    static java.util.Optional<Path> locate(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin:/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return java.util.Optional.of(Path.of(dir, program));
            }
        }
        return java.util.Optional.empty();
    }
}
