package io.vigil.web.database;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Vigil's own PostgreSQL for a first run: the server programs of {@link PostgresBinaries}, a data folder
 * ({@code <state>/postgres}, kept across restarts) that belongs to the {@link ServerAccount} running the server, and
 * beside it in the state folder the superuser's password ({@code postgres-password}), the port
 * ({@code postgres-port}, a free one chosen once and kept while it stays free) and a lock file.
 *
 * <p>Lifecycle: {@link #start} takes the lock (one Vigil per data folder), creates the cluster on first use, stops a
 * server that a Vigil killed without stopping left behind, and starts the server on 127.0.0.1 only (no Unix socket,
 * password authentication). The server stops with the JVM, after Quarkus has stopped, in PostgreSQL's fast mode
 * (open transactions are rolled back, nothing committed is lost). A server crash is recovered by PostgreSQL itself
 * at the next start. One server per JVM; thread-safe.
 */
public final class EmbeddedPostgres {

    /** The superuser the cluster is created with. */
    public static final String USER = "postgres";

    /** The database Vigil uses in the embedded cluster. */
    public static final String DATABASE = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(40);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static Server current;
    private static PostgresBinaries currentBinaries;
    private static ServerAccount currentAccount;
    private static FileChannel lockChannel;
    private static FileLock lock;
    private static boolean stopHookInstalled;

    /** A running embedded server, as clients reach it. */
    public record Server(
            Path stateDirectory, Path dataDirectory, int port, String password, String account, boolean ownedHere) {

        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
        }

        public Connection connect() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", USER);
            properties.setProperty("password", password);
            return DriverManager.getConnection(jdbcUrl(), properties);
        }
    }

    private EmbeddedPostgres() {}

    /** Where the cluster of the state folder {@code stateDirectory} keeps its data. */
    public static Path dataDirectory(Path stateDirectory) {
        return stateDirectory.resolve("postgres");
    }

    /** Whether the state folder holds an embedded cluster already (a Vigil archive lives there). */
    public static boolean hasData(Path stateDirectory) {
        return Files.isRegularFile(dataDirectory(stateDirectory).resolve("PG_VERSION"));
    }

    /** The server this JVM started, if any. */
    public static synchronized Optional<Server> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Starts the embedded server of {@code stateDirectory} for this JVM, creating the cluster on first use, and
     * stops it when the JVM exits. Refuses when another process holds the data folder.
     */
    public static synchronized Server start(Path stateDirectory) throws IOException {
        if (current != null) {
            return current;
        }
        Path state = stateDirectory.toAbsolutePath().normalize();
        Files.createDirectories(state);
        Optional<Long> holder = lock(state);
        if (holder.isPresent()) {
            throw new IOException("Another Vigil (pid " + holder.get() + ") runs the embedded PostgreSQL in "
                    + dataDirectory(state) + ": stop it first, or give this one its own VIGIL_STATE_DIR or"
                    + " QUARKUS_DATASOURCE_JDBC_URL.");
        }
        try {
            current = launch(state);
        } catch (IOException | RuntimeException e) {
            unlock();
            throw e;
        }
        if (!stopHookInstalled) {
            stopHookInstalled = true;
            Runtime.getRuntime()
                    .addShutdownHook(Thread.ofPlatform()
                            .name("embedded-postgres-stop")
                            .unstarted(EmbeddedPostgres::stopAfterQuarkus));
        }
        return current;
    }

    /**
     * The embedded server of {@code stateDirectory} for a short job such as a backup: the one a running Vigil holds,
     * or one started for the job, which {@link #stop()} then stops.
     */
    public static synchronized Server attachOrStart(Path stateDirectory) throws IOException {
        Path state = stateDirectory.toAbsolutePath().normalize();
        Optional<Server> running = runningElsewhere(state);
        return running.isPresent() ? running.get() : start(state);
    }

    /** The embedded server another process runs on {@code stateDirectory}, if one does. */
    public static synchronized Optional<Server> runningElsewhere(Path stateDirectory) throws IOException {
        Path state = stateDirectory.toAbsolutePath().normalize();
        if (current != null || !Files.exists(state.resolve("postgres.lock"))) {
            return Optional.empty();
        }
        Optional<Long> holder = lock(state);
        if (holder.isEmpty()) {
            unlock();
            return Optional.empty();
        }
        Optional<Postmaster> postmaster = Postmaster.of(dataDirectory(state));
        if (postmaster.isEmpty() || !postmaster.get().alive()) {
            throw new IOException("Vigil (pid " + holder.get() + ") holds " + dataDirectory(state)
                    + " but its PostgreSQL does not run");
        }
        return Optional.of(
                new Server(state, dataDirectory(state), postmaster.get().port(), readPassword(state), "", false));
    }

    /** Stops the server this JVM started (fast mode) and lets go of the data folder. */
    public static synchronized void stop() {
        if (current == null) {
            return;
        }
        Server server = current;
        current = null;
        try {
            SystemCommand.Result result = currentAccount
                    .command(List.of(
                            currentBinaries.program("pg_ctl").toString(),
                            "-D",
                            server.dataDirectory().toString(),
                            "stop",
                            "-m",
                            "fast",
                            "-w",
                            "-t",
                            Long.toString(STOP_LIMIT.toSeconds())))
                    .run(STOP_LIMIT.plusSeconds(5));
            if (!result.succeeded()) {
                LOG.errorf("The embedded PostgreSQL did not stop cleanly: %s", result.tail());
            }
        } catch (IOException e) {
            LOG.errorf("The embedded PostgreSQL did not stop cleanly: %s", e.getMessage());
        } finally {
            unlock();
        }
    }

    private static void stopAfterQuarkus() {
        // Quarkus stops in a shutdown hook of its own; its connection pool and workers must go first, or they would
        // log the server's going away. Without a running Quarkus (a backup job) this returns at once.
        Instant deadline = Instant.now().plusSeconds(30);
        ArcContainer container = Arc.container();
        while (container != null && container.isRunning() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
    }

    private static Server launch(Path state) throws IOException {
        Path data = dataDirectory(state);
        ServerAccount account = ServerAccount.forThisProcess();
        if (account.dedicated()) {
            // the dedicated account must pass through the state folder to reach the data folder (its files stay 0600)
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(state);
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(state, permissions);
            account.checkCanReach(state);
        }
        PostgresBinaries binaries = PostgresBinaries.unpackedUnder(binariesFolder(state));
        if (!hasData(state)) {
            initialise(state, binaries, account);
        }
        checkVersion(data, binaries);
        account.own(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        stopLeftOver(data, binaries, account);
        String password = readPassword(state);
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            int port = port(state, attempt > 0);
            SystemCommand.Result result = account.command(List.of(
                            binaries.program("pg_ctl").toString(),
                            "-D",
                            data.toString(),
                            "-l",
                            data.resolve("server.log").toString(),
                            "-o",
                            "-p " + port,
                            "-w",
                            "-t",
                            Long.toString(START_LIMIT.toSeconds()),
                            "start"))
                    .run(START_LIMIT.plusSeconds(5));
            if (result.succeeded()) {
                Server server = new Server(state, data, port, password, account.name(), true);
                currentBinaries = binaries;
                currentAccount = account;
                checkConnects(server);
                return server;
            }
            lastFailure = new IOException(
                    "The embedded PostgreSQL did not start (see " + data.resolve("server.log") + "): " + result.tail());
        }
        throw lastFailure;
    }

    private static void initialise(Path state, PostgresBinaries binaries, ServerAccount account) throws IOException {
        Path data = dataDirectory(state);
        Path fresh = state.resolve("postgres.new");
        PostgresBinaries.deleteTree(fresh);
        Files.createDirectories(fresh);
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwx------"));
        account.own(fresh);
        String password = newPassword();
        writeOwnerOnly(state.resolve("postgres-password"), password);
        // initdb reads the password from a file the server's account can read; it is removed right after
        Path passwordForInitdb = fresh.resolve("initdb-password");
        writeOwnerOnly(passwordForInitdb, password);
        account.own(passwordForInitdb);
        List<String> initdb = new ArrayList<>(List.of(
                binaries.program("initdb").toString(),
                "-D",
                fresh.resolve("cluster").toString(),
                "-U",
                USER,
                "--auth=scram-sha-256",
                "--pwfile=" + passwordForInitdb,
                "--encoding=UTF8"));
        SystemCommand.Result result =
                account.command(concat(initdb, "--locale=C.UTF-8")).run(START_LIMIT);
        if (!result.succeeded()) {
            // a C library without the C.UTF-8 locale: the C locale sorts by code point just the same
            PostgresBinaries.deleteTree(fresh.resolve("cluster"));
            result = account.command(concat(initdb, "--locale=C")).run(START_LIMIT);
        }
        Files.deleteIfExists(passwordForInitdb);
        if (!result.succeeded()) {
            throw new IOException(
                    "The embedded PostgreSQL could not create its database in " + data + ": " + result.tail());
        }
        Path cluster = fresh.resolve("cluster");
        Files.writeString(
                cluster.resolve("postgresql.conf"),
                """

                # Vigil's embedded PostgreSQL: this machine only, over TCP (the port is given at start), with
                # passwords; the superuser's is in the state folder (postgres-password).
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                """,
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Files.move(cluster, data, StandardCopyOption.ATOMIC_MOVE);
        PostgresBinaries.deleteTree(fresh);
        LOG.infof("Created the embedded PostgreSQL's database in %s", data);
    }

    private static void checkVersion(Path data, PostgresBinaries binaries) throws IOException {
        String dataVersion = Files.readString(data.resolve("PG_VERSION")).strip();
        String programs = ServerAccount.forThisProcess()
                .command(List.of(binaries.program("postgres").toString(), "--version"))
                .runOrFail(Duration.ofSeconds(20), "postgres --version")
                .output()
                .strip();
        String programsMajor = programs.replaceAll(".*?(\\d+)\\..*", "$1");
        if (!programsMajor.equals(dataVersion)) {
            throw new IOException("The embedded PostgreSQL's data in " + data + " is of PostgreSQL " + dataVersion
                    + " and this Vigil ships " + programs + ": restore a backup (./vigil backup with the older"
                    + " Vigil, then ./vigil restore) instead of opening it.");
        }
    }

    /** Stops a server of this data folder that a Vigil killed without stopping left running. */
    private static void stopLeftOver(Path data, PostgresBinaries binaries, ServerAccount account) throws IOException {
        Optional<Postmaster> postmaster = Postmaster.of(data);
        if (postmaster.isEmpty()) {
            return;
        }
        if (!postmaster.get().alive()) {
            return; // a crashed server: PostgreSQL removes the stale pid file and recovers from its log at start
        }
        if (!postmaster.get().isPostgres()) {
            // the pid was reused after a reboot: the file is stale and the process someone else's
            Files.delete(data.resolve("postmaster.pid"));
            return;
        }
        LOG.infof(
                "Stopping the embedded PostgreSQL (pid %d) that a Vigil which did not stop cleanly left running",
                postmaster.get().pid());
        account.command(List.of(
                        binaries.program("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "stop",
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        Long.toString(STOP_LIMIT.toSeconds())))
                .runOrFail(STOP_LIMIT.plusSeconds(5), "Stopping the embedded PostgreSQL left running");
    }

    private static void checkConnects(Server server) throws IOException {
        try (Connection connection = server.connect()) {
            connection.createStatement().execute("select 1");
        } catch (SQLException e) {
            throw new IOException(
                    "The embedded PostgreSQL started but refuses Vigil: " + e.getMessage()
                            + " (is " + server.stateDirectory().resolve("postgres-password") + " the one it was created"
                            + " with?)",
                    e);
        }
    }

    /** The remembered port while it is free, else a new free one (never 5432: a real server may want it). */
    private static int port(Path state, boolean forceNew) throws IOException {
        Path file = state.resolve("postgres-port");
        if (!forceNew && Files.isRegularFile(file)) {
            try {
                int remembered = Integer.parseInt(Files.readString(file).strip());
                if (remembered != 5432 && isFree(remembered)) {
                    return remembered;
                }
            } catch (NumberFormatException e) {
                // a damaged file: choose again
            }
        }
        int port;
        do {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
        } while (port == 5432);
        Files.writeString(file, Integer.toString(port));
        return port;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path binariesFolder(Path state) {
        return state.resolve("postgres-binaries");
    }

    private static String readPassword(Path state) throws IOException {
        Path file = state.resolve("postgres-password");
        if (!Files.isRegularFile(file)) {
            throw new IOException("The embedded PostgreSQL's password file " + file + " is missing; Vigil made it"
                    + " with the database in " + dataDirectory(state) + " and cannot sign in without it.");
        }
        return Files.readString(file).strip();
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(file, content + "\n");
    }

    /** Takes the data folder's lock for this JVM; answers the pid of the process holding it when that fails. */
    private static Optional<Long> lock(Path state) throws IOException {
        Path file = state.resolve("postgres.lock");
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock taken = channel.tryLock();
        if (taken == null) {
            String holder = Files.readString(file).strip();
            channel.close();
            try {
                return Optional.of(Long.parseLong(holder));
            } catch (NumberFormatException e) {
                return Optional.of(-1L);
            }
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(
                Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
        lockChannel = channel;
        lock = taken;
        return Optional.empty();
    }

    private static void unlock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.debugf("releasing the embedded PostgreSQL's lock: %s", e.getMessage());
        }
        lock = null;
        lockChannel = null;
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    /** What {@code postmaster.pid} says about a server of a data folder. */
    record Postmaster(long pid, int port) {

        static Optional<Postmaster> of(Path data) throws IOException {
            Path file = data.resolve("postmaster.pid");
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file);
            try {
                return Optional.of(new Postmaster(
                        Long.parseLong(lines.get(0).strip()),
                        lines.size() > 3 ? Integer.parseInt(lines.get(3).strip()) : -1));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return Optional.empty();
            }
        }

        boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        boolean isPostgres() {
            return ProcessHandle.of(pid)
                    .flatMap(process -> process.info().command())
                    .map(command -> command.endsWith("/postgres"))
                    .orElse(true);
        }
    }
}
