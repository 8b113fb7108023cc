package io.vigil.web.testing;

import io.vigil.web.database.SystemCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The repository's {@code ./vigil} script, run as a person runs it, with an environment of the test's choosing. */
public final class VigilScript {

    private VigilScript() {}

    /** Runs {@code ./vigil ARGS} with {@code environment} added to this JVM's (minus its datasource URL). */
    public static SystemCommand.Result run(Map<String, String> environment, String... args) throws IOException {
        Path script = Path.of(System.getProperty("vigil.script", "../vigil"));
        List<String> command =
                new ArrayList<>(List.of("bash", script.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        var env = new java.util.HashMap<>(environment);
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        env.putIfAbsent("QUARKUS_DATASOURCE_JDBC_URL", "");
        return new SystemCommand(command, env).run(Duration.ofMinutes(5));
    }
}
