package io.vigil.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The labelled set: rules, items with their texts, and the judgment of every (rule, item) pair.
 *
 * <p>The rules, the item ids and the judgments are resources of this module ({@code quality/rules.json},
 * {@code quality/items.tsv}, {@code quality/judgments.tsv}, described in {@code quality/README.md}); the texts are
 * read from the shared corpus by id, so no corpus text lives in the repository. Immutable once loaded.
 */
public final class LabelledSet {

    /** The corpus files the set draws on. */
    public static final Set<String> CORPUS_FILES =
            Set.of("wikipedia_current_events_2025_2026.jsonl", "bbc_news_zitros.jsonl");

    private static final String RESOURCES = "quality/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<LabelledRule> rules;
    private final List<LabelledItem> items;
    private final Map<String, Map<String, Judgment>> judgmentsByRule;

    private LabelledSet(
            List<LabelledRule> rules, List<LabelledItem> items, Map<String, Map<String, Judgment>> judgmentsByRule) {
        this.rules = List.copyOf(rules);
        this.items = List.copyOf(items);
        this.judgmentsByRule = judgmentsByRule;
    }

    /**
     * The shared corpus folder named by the system property {@code vigil.shared.dir} (its {@code corpus} sub-folder),
     * or empty when it or one of the set's corpus files is absent.
     */
    public static Optional<Path> corpusFolder() {
        String shared = System.getProperty("vigil.shared.dir");
        if (shared == null || shared.isBlank()) {
            return Optional.empty();
        }
        Path corpus = Path.of(shared, "corpus");
        for (String file : CORPUS_FILES) {
            if (!Files.isRegularFile(corpus.resolve(file))) {
                return Optional.empty();
            }
        }
        return Optional.of(corpus);
    }

    /**
     * Loads the set, reading the item texts from the corpus folder.
     *
     * @throws IllegalStateException when the set's files contradict each other or an item is not in the corpus
     */
    public static LabelledSet load(Path corpusFolder) throws IOException {
        List<LabelledRule> rules = readRules();
        Map<String, String[]> itemRows = readItems();
        Map<String, LabelledItem> items = new LinkedHashMap<>();
        Map<String, JsonNode> records = readCorpus(corpusFolder, itemRows);
        for (Map.Entry<String, String[]> row : itemRows.entrySet()) {
            String id = row.getKey();
            JsonNode record = records.get(id);
            if (record == null) {
                throw new IllegalStateException("item " + id + " is not in " + corpusFolder.resolve(row.getValue()[0]));
            }
            items.put(id, item(id, row.getValue()[0], Split.parse(row.getValue()[1]), record));
        }
        Map<String, Map<String, Judgment>> judgments = new HashMap<>();
        Set<String> ruleIds = new HashSet<>();
        for (LabelledRule rule : rules) {
            ruleIds.add(rule.id());
            judgments.put(rule.id(), new HashMap<>());
        }
        for (String[] row : readTsv("judgments.tsv", 4)) {
            String item = row[0];
            String rule = row[1];
            if (!items.containsKey(item) || !ruleIds.contains(rule)) {
                throw new IllegalStateException("judgment of unknown item or rule: " + item + " " + rule);
            }
            Judgment judgment =
                    switch (row[2]) {
                        case "relevant" -> Judgment.RELEVANT;
                        case "excluded" -> Judgment.EXCLUDED;
                        default ->
                            throw new IllegalStateException(
                                    "unknown judgment '" + row[2] + "' for " + item + " " + rule);
                    };
            if (judgment == Judgment.EXCLUDED && row[3].isBlank()) {
                throw new IllegalStateException("excluded pair without a reason: " + item + " " + rule);
            }
            if (judgments.get(rule).put(item, judgment) != null) {
                throw new IllegalStateException("pair judged twice: " + item + " " + rule);
            }
        }
        return new LabelledSet(rules, new ArrayList<>(items.values()), judgments);
    }

    /** A set from values: the judgments as rule id → item id → judgment, unlisted pairs not relevant. */
    static LabelledSet of(
            List<LabelledRule> rules, List<LabelledItem> items, Map<String, Map<String, Judgment>> judgments) {
        Map<String, Map<String, Judgment>> byRule = new HashMap<>();
        for (LabelledRule rule : rules) {
            byRule.put(rule.id(), Map.copyOf(judgments.getOrDefault(rule.id(), Map.of())));
        }
        return new LabelledSet(rules, items, byRule);
    }

    public List<LabelledRule> rules() {
        return rules;
    }

    public List<LabelledItem> items() {
        return items;
    }

    /** The judgment of one pair; pairs not listed in the judgments file are {@link Judgment#NOT_RELEVANT}. */
    public Judgment judgment(LabelledRule rule, LabelledItem item) {
        return judgmentsByRule.get(rule.id()).getOrDefault(item.id(), Judgment.NOT_RELEVANT);
    }

    private static LabelledItem item(String id, String corpusFile, Split split, JsonNode record) {
        String title = record.path("title").isTextual() ? record.path("title").asText() : "";
        String body = record.path("text").asText("");
        String source;
        if (corpusFile.startsWith("bbc")) {
            source = "BBC News";
        } else {
            // A Current Events item cites its outlets; the first stands for where an ingest would have found it.
            source = record.path("sources").path(0).path("name").asText("Wikipedia");
        }
        return new LabelledItem(id, corpusFile, split, title, body, source);
    }

    private static List<LabelledRule> readRules() throws IOException {
        List<LabelledRule> rules = new ArrayList<>();
        try (InputStream in = resource("rules.json")) {
            for (JsonNode rule : JSON.readTree(in)) {
                rules.add(new LabelledRule(
                        rule.path("id").asText(),
                        rule.path("query").asText(),
                        Split.parse(rule.path("split").asText()),
                        rule.path("intent").asText()));
            }
        }
        return rules;
    }

    /** Item id → {corpus file, split}, in the file's order. */
    private static Map<String, String[]> readItems() throws IOException {
        Map<String, String[]> items = new LinkedHashMap<>();
        for (String[] row : readTsv("items.tsv", 4)) {
            if (!CORPUS_FILES.contains(row[1])) {
                throw new IllegalStateException("item " + row[0] + " names an unknown corpus file " + row[1]);
            }
            if (items.put(row[0], new String[] {row[1], row[2]}) != null) {
                throw new IllegalStateException("item listed twice: " + row[0]);
            }
        }
        return items;
    }

    /** The corpus records of the wanted items, by id; one streaming pass over each corpus file. */
    private static Map<String, JsonNode> readCorpus(Path corpusFolder, Map<String, String[]> wanted)
            throws IOException {
        Map<String, JsonNode> records = new HashMap<>();
        for (String file : CORPUS_FILES) {
            try (BufferedReader lines = Files.newBufferedReader(corpusFolder.resolve(file), StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    int idStart = line.indexOf("\"id\": \"");
                    if (idStart < 0) {
                        continue;
                    }
                    int from = idStart + 7;
                    String id = line.substring(from, line.indexOf('"', from));
                    String[] row = wanted.get(id);
                    if (row != null && row[0].equals(file)) {
                        records.put(id, JSON.readTree(line));
                    }
                }
            }
        }
        return records;
    }

    private static List<String[]> readTsv(String name, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t", -1);
                if (row.length != columns) {
                    throw new IllegalStateException(
                            name + " line " + number + " has " + row.length + " columns, not " + columns);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static InputStream resource(String name) {
        InputStream in = LabelledSet.class.getClassLoader().getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("resource " + RESOURCES + name + " is missing"));
        }
        return in;
    }
}
