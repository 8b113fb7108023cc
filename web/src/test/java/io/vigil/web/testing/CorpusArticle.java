package io.vigil.web.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.engine.extract.TextCleaner;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Benchmark support: an article of the shared corpora ({@code ../shared/corpus}, or {@code -Dvigil.shared.dir}), its
 * title on one line and its body cleaned as Vigil cleans pushed text.
 */
public record CorpusArticle(String title, String body) {

    /**
     * The articles of one corpus file (JSON lines with {@code title} and {@code text}) that have both; skips the
     * calling test when the corpora are not there.
     */
    public static List<CorpusArticle> read(String file) throws Exception {
        Path path = Path.of(System.getProperty("vigil.shared.dir", "../../shared"), "corpus", file);
        Assumptions.assumeTrue(Files.exists(path), "SKIPPED: " + path + " not found (the corpora live in ../shared)");
        ObjectMapper json = new ObjectMapper();
        List<CorpusArticle> articles = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(path)) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode node = json.readTree(line);
                String title = node.path("title").asText("").strip();
                String body = TextCleaner.normalizeBody(node.path("text").asText(""));
                if (!title.isBlank() && !body.isBlank()) {
                    articles.add(new CorpusArticle(title, body));
                }
            }
        }
        return articles;
    }
}
