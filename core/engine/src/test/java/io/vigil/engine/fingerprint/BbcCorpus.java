package io.vigil.engine.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The BBC News corpus in the shared folder next to the checkout ({@code ../shared/corpus}); research-only text,
 * read in place and never copied into the project.
 */
final class BbcCorpus {

    /** One corpus article. */
    record CorpusArticle(String id, String category, String title, String text) {}

    private BbcCorpus() {}

    /**
     * Returns the corpus file if the shared folder is there: from the system property {@code vigil.shared.dir}
     * (which the build sets), else {@code ../../../shared} from the module.
     */
    static Optional<Path> file() {
        String configured = System.getProperty("vigil.shared.dir");
        Path shared = configured != null ? Path.of(configured) : Path.of("../../../shared");
        Path file = shared.resolve("corpus").resolve("bbc_news_zitros.jsonl");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    static List<CorpusArticle> read(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<CorpusArticle> articles = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                articles.add(new CorpusArticle(
                        node.path("id").asText(),
                        node.path("category").asText(),
                        node.path("title").asText(),
                        node.path("text").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return articles;
    }
}
