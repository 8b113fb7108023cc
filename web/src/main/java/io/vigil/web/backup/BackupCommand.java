package io.vigil.web.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code ./vigil backup} and {@code ./vigil restore}, run outside Quarkus on the packaged
 * application's class path. Exit codes: 0 done, 1 refused or failed (the reason on stderr), 2 wrong usage.
 */
public final class BackupCommand {

    private BackupCommand() {}

    public static void main(String[] args) {
        // zonky's SLF4J goes to JBoss LogManager; without it as the JDK's log manager it complains on every run
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        System.exit(run(args));
    }

    static int run(String[] args) {
        List<String> words = new ArrayList<>(List.of(args));
        boolean replace = words.remove("--replace");
        Path state = Path.of(System.getenv().getOrDefault("VIGIL_STATE_DIR", ".vigil"));
        Backups backups = new Backups(System.getenv(), state, System.out);
        try {
            if (words.size() >= 1 && words.size() <= 2 && words.getFirst().equals("backup") && !replace) {
                backups.backup(words.size() == 2 ? Path.of(words.get(1)) : Backups.defaultFile(Instant.now()));
                return 0;
            }
            if (words.size() == 2 && words.getFirst().equals("restore")) {
                backups.restore(Path.of(words.get(1)), replace);
                return 0;
            }
        } catch (Backups.Refused e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println((words.isEmpty() ? "" : words.getFirst() + " failed: ") + e.getMessage());
            return 1;
        }
        System.err.println("usage: ./vigil backup [FILE]   |   ./vigil restore FILE [--replace]");
        return 2;
    }
}
