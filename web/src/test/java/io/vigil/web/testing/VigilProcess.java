package io.vigil.web.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged Vigil ({@code quarkus-run.jar}) as a child process with a database of its own, for tests that must
 * really stop it: started with the JDK running the test, killed with SIGKILL, started again on the same port and
 * database. Its output goes to a log file beside the work folder, named in failures.
 */
public final class VigilProcess implements AutoCloseable {

    private final Path jar;
    private final Path workDirectory;
    private final String databaseUrl;
    private final int port;
    private final Map<String, String> environment;
    private final java.util.Set<String> unset = new java.util.HashSet<>();
    private Process process;
    private int starts;

    private VigilProcess(Path jar, Path workDirectory, String databaseUrl, int port, Map<String, String> environment) {
        this.jar = jar;
        this.workDirectory = workDirectory;
        this.databaseUrl = databaseUrl;
        this.port = port;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Prepares a Vigil on a free port with a freshly created database named {@code vigil.test.database} + "_" +
     * {@code name}, plus further environment, so that two checkouts testing at once never share a database.
     * Needs the system properties {@code vigil.app.jar} and {@code vigil.it.work}, which the build sets.
     */
    /** The test database name for {@code name}: prefixed with {@code vigil.test.database} (default vigil_test). */
    public static String databaseName(String name) {
        return System.getProperty("vigil.test.database", "vigil_test") + "_" + name;
    }

    public static VigilProcess withFreshDatabase(String name, Map<String, String> environment) {
        String database = databaseName(name);
        String server = System.getProperty("vigil.test.server", "localhost:5432");
        try (Connection admin =
                        DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("the test needs PostgreSQL at " + server + ": " + e.getMessage(), e);
        }
        Path jar = Path.of(System.getProperty("vigil.app.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: the packaged application is built in the package phase");
        }
        Path work =
                Path.of(System.getProperty("vigil.it.work", "target/it-work")).resolve(database);
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VigilProcess(jar, work, "jdbc:postgresql://" + server + "/" + database, freePort(), environment);
    }

    /**
     * Prepares a Vigil on a free port that connects to {@code databaseUrl} as given — a database that may not be
     * reachable yet, for tests of how Vigil copes; {@code name} names its work folder.
     */
    public static VigilProcess withDatabaseUrl(String name, String databaseUrl, Map<String, String> environment) {
        Path jar = Path.of(System.getProperty("vigil.app.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: the packaged application is built in the package phase");
        }
        Path work =
                Path.of(System.getProperty("vigil.it.work", "target/it-work")).resolve(name);
        try {
            Files.createDirectories(work);
            Files.deleteIfExists(work.resolve("vigil.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VigilProcess(jar, work, databaseUrl, freePort(), environment);
    }

    /**
     * Prepares a second Vigil on the database of {@code first}, as another instance of the same deployment: its own
     * port and work folder ({@code name}), the same database, and further environment.
     */
    public static VigilProcess alongside(VigilProcess first, String name, Map<String, String> environment) {
        Path work = first.workDirectory.resolveSibling(first.workDirectory.getFileName() + "_" + name);
        try {
            Files.createDirectories(work);
            Files.deleteIfExists(work.resolve("vigil.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VigilProcess(first.jar, work, first.databaseUrl, freePort(), environment);
    }

    /**
     * Prepares a Vigil on a free port with no datasource configured and no PostgreSQL at its default address
     * ({@code PGPORT} names a closed port), in a fresh work folder: a first run, which gets the embedded PostgreSQL.
     */
    public static VigilProcess withoutDatabase(String name, Map<String, String> environment) {
        Path jar = Path.of(System.getProperty("vigil.app.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: the packaged application is built in the package phase");
        }
        Path work =
                Path.of(System.getProperty("vigil.it.work", "target/it-work")).resolve(databaseName(name));
        try {
            deleteTree(work);
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", Integer.toString(freePort()));
        return new VigilProcess(jar, work, null, freePort(), env);
    }

    /**
     * Starts this Vigil without the environment variable {@code name}, not even the default the tests give it (such as
     * {@code VIGIL_ADMIN_PASSWORD}) or one inherited from the test's own environment.
     */
    public VigilProcess without(String name) {
        unset.add(name);
        return this;
    }

    /** The JDBC URL of Vigil's database, or null for one without a datasource configured. */
    public String databaseUrl() {
        return databaseUrl;
    }

    /** A variable of the environment the test gave this Vigil. */
    public String environmentValue(String name) {
        return environment.get(name);
    }

    /** The folder Vigil runs in (its {@code .vigil} state folder is inside). */
    public Path workDirectory() {
        return workDirectory;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A JDBC connection to Vigil's database, for looking at what it stored. */
    public Connection database() throws SQLException {
        return DriverManager.getConnection(databaseUrl, "postgres", "");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts Vigil and waits until it answers ready (its schema migrated). */
    public void start() throws IOException {
        launch();
        awaitReady(Duration.ofSeconds(90));
    }

    /** Starts the Vigil process without waiting for anything. */
    public void launch() throws IOException {
        starts++;
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        if (databaseUrl != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", databaseUrl);
        }
        env.putIfAbsent(
                "VIGIL_SOURCES_SEEDS_PATH", workDirectory.resolve("no-seeds").toString());
        // The packaged app runs in the prod profile, which needs a first admin; tests sign in as SignedInAsAdmin.
        env.putIfAbsent("VIGIL_ADMIN_USER", SignedInAsAdmin.USER);
        env.putIfAbsent("VIGIL_ADMIN_PASSWORD", SignedInAsAdmin.PASSWORD);
        if (databaseUrl == null) {
            builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        }
        env.keySet().removeAll(unset);
        builder.environment().keySet().removeAll(unset);
        builder.environment().putAll(env);
        process = builder.start();
    }

    /** Waits until Vigil answers ready (its schema migrated), failing early if the process dies. */
    public void awaitReady(Duration patience) {
        HttpClient client = HttpClient.newHttpClient();
        await("Vigil start " + starts + " (log: " + log() + ")")
                .atMost(patience)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Vigil exited with " + process.exitValue() + "; see " + log());
                    }
                    HttpResponse<Void> ready = client.send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    return ready.statusCode() == 200;
                });
    }

    /** The operating system's id of the running Vigil process, for benchmarks that read its threads in /proc. */
    public long pid() {
        return process.pid();
    }

    /** The CPU time the Vigil process has used so far, for benchmarks that say what an article costs. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElseThrow();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills Vigil with SIGKILL, as a crash or an out-of-memory killer would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public Path log() {
        return workDirectory.resolve("vigil.log");
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** A port nobody listens on now; a receiver started on it later comes up where Vigil expects it. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
