package io.vigil.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert tables have one owner: no production class outside {@code io.vigil.engine.alert} reads or writes
 * {@code alert}, {@code alert_article} or {@code alert_digest_queue} with SQL of its own — it calls {@link Alerts}.
 */
class AlertTablesHaveOneOwnerTest {

    /** The repository, from this module's folder (core/engine), where Maven runs its tests. */
    private static final Path REPOSITORY = Path.of("../..");

    private static final Pattern SQL_ON_ALERT_TABLES = Pattern.compile(
            "\\b(from|join|into|update|delete\\s+from)\\s+(alert|alert_article|alert_digest_queue)\\b",
            Pattern.CASE_INSENSITIVE);

    @Test
    void noClassOutsideTheAggregateWritesSqlAgainstTheAlertTables() throws IOException {
        assertThat(REPOSITORY.resolve("core/engine/src/main/java/io/vigil/engine/alert/Alerts.java"))
                .as("the repository is where this test expects it")
                .exists();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            for (Path file :
                    files.filter(AlertTablesHaveOneOwnerTest::isProductionJava).toList()) {
                Matcher matcher = SQL_ON_ALERT_TABLES.matcher(Files.readString(file));
                while (matcher.find()) {
                    offenders.add(REPOSITORY.relativize(file) + ": " + matcher.group());
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theCheckFindsSqlOnTheAlertTables() {
        assertThat(SQL_ON_ALERT_TABLES
                        .matcher("select id from alert a where a.muted")
                        .find())
                .isTrue();
        assertThat(SQL_ON_ALERT_TABLES
                        .matcher("insert into alert_article (alert_id) values (1)")
                        .find())
                .isTrue();
        assertThat(SQL_ON_ALERT_TABLES.matcher("select alert_ids from outbox").find())
                .isFalse();
    }

    private static boolean isProductionJava(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.endsWith(".java")
                && path.contains("/src/main/java/")
                && !path.contains("/target/")
                && !path.contains("/io/vigil/engine/alert/");
    }
}
