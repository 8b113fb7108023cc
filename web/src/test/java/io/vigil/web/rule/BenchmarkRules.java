package io.vigil.web.rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.vigil.engine.archive.ArchiveReady;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Benchmark support: with {@code -Dvigil.bench.rules=N}, stores N watch rules when the archive is ready, so that any
 * benchmark (the ingest benchmark above all) runs with live matching at work. Does nothing otherwise.
 *
 * <p>The rules are bare lists of two or three words drawn from the BBC corpus headlines (a fixed seed, so every run
 * has the same rules), the shape analysts write; some match the benchmark's articles and raise alerts.
 */
@ApplicationScoped
public class BenchmarkRules {

    private static final Logger LOG = Logger.getLogger(BenchmarkRules.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    /** Prints what live matching cost per article in this run, when rules were stored for it. */
    void onStop(@Observes ShutdownEvent stop) {
        Timer timer = meters.find("vigil.matching.latency").timer();
        if (Integer.getInteger("vigil.bench.rules", 0) <= 0 || timer == null || timer.count() == 0) {
            return;
        }
        System.out.printf(
                "live matching with %d rules: %d articles, mean %.3f ms, max %.3f ms per article; %.0f matches,"
                        + " %.0f alerts opened%n",
                Integer.getInteger("vigil.bench.rules"),
                timer.count(),
                timer.mean(TimeUnit.MILLISECONDS),
                timer.max(TimeUnit.MILLISECONDS),
                meters.counter("vigil.matches").count(),
                meters.counter("vigil.alerts", "outcome", "opened").count());
    }

    // Before the rule book loads (default priority), so the rules are there from the first article on.
    void onArchiveReady(@Observes @Priority(1) ArchiveReady ready) throws Exception {
        int count = Integer.getInteger("vigil.bench.rules", 0);
        if (count <= 0) {
            return;
        }
        Set<String> rules = generate(count);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert =
                        connection.prepareStatement("insert into rule (name, query) values (?, ?)")) {
            for (String rule : rules) {
                insert.setString(1, "bench: " + rule);
                insert.setString(2, rule);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        LOG.infof("benchmark: stored %d rules", rules.size());
    }

    /** {@code count} rules of two or three headline words, the same ones every run. */
    public static Set<String> generate(int count) throws Exception {
        List<String> words = headlineWords();
        Random random = new Random(42);
        Set<String> rules = new LinkedHashSet<>();
        while (rules.size() < count) {
            int terms = 2 + random.nextInt(2);
            List<String> rule = new ArrayList<>();
            for (int t = 0; t < terms; t++) {
                rule.add(words.get(random.nextInt(words.size())));
            }
            rules.add(String.join(" ", rule));
        }
        return rules;
    }

    private static List<String> headlineWords() throws Exception {
        Path path = Path.of(System.getProperty("vigil.shared.dir", "../../shared"), "corpus", "bbc_news_zitros.jsonl");
        ObjectMapper json = new ObjectMapper();
        Set<String> words = new LinkedHashSet<>();
        try (BufferedReader lines = Files.newBufferedReader(path)) {
            String line;
            while ((line = lines.readLine()) != null) {
                for (String word : json.readTree(line).path("title").asText("").split("[^\\p{L}]+")) {
                    if (word.length() >= 4) {
                        words.add(word.toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return new ArrayList<>(words);
    }
}
