package io.vigil.engine.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.engine.rule.Snippet;
import io.vigil.engine.rule.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Snippets in the stored form of {@code article_match.snippets}:
 * {@code [{"field": "body", "text": "...", "marks": [[start, end], ...], "terms": [...], "clauses": [...]}]}:
 * {@code terms} and {@code clauses}, aligned with {@code marks}, hold the rule term and the clause of the rule each mark
 * satisfied ({@code null} when unknown; both arrays are missing from matches stored before they were kept). The one
 * reader and writer of that form; the alert aggregate parses through it.
 */
public final class StoredSnippets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredSnippets() {}

    /** The JSON text to store for these snippets. */
    public static String toJson(List<Snippet> snippets) {
        ArrayNode array = JSON.createArrayNode();
        for (Snippet snippet : snippets) {
            ObjectNode node = array.addObject();
            node.put("field", snippet.field());
            node.put("text", snippet.text());
            ArrayNode marks = node.putArray("marks");
            for (Span mark : snippet.marks()) {
                marks.addArray().add(mark.start()).add(mark.end());
            }
            if (snippet.marks().stream().anyMatch(mark -> mark.term() != null)) {
                ArrayNode terms = node.putArray("terms");
                snippet.marks().forEach(mark -> terms.add(mark.term()));
            }
            if (snippet.marks().stream().anyMatch(mark -> mark.clause() != null)) {
                ArrayNode clauses = node.putArray("clauses");
                snippet.marks().forEach(mark -> clauses.add(mark.clause()));
            }
        }
        return array.toString();
    }

    /**
     * The snippets stored as JSON; marks that are empty, do not fit the text or overlap an earlier one are dropped, and
     * unreadable JSON gives none. A mark's term and clause are {@code null} when none
     * was stored.
     */
    public static List<Snippet> fromJson(String json) {
        List<Snippet> snippets = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return snippets;
        }
        try {
            return fromTree(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return snippets;
        }
    }

    /** The snippets of stored JSON already parsed, such as a column PostgreSQL aggregated into a larger document. */
    public static List<Snippet> fromTree(JsonNode root) {
        List<Snippet> snippets = new ArrayList<>();
        if (root == null || !root.isArray()) {
            return snippets;
        }
        for (JsonNode node : root) {
            if (!node.isObject()) {
                continue;
            }
            String text = node.path("text").asText("");
            List<Span> stored = new ArrayList<>();
            int index = 0;
            for (JsonNode mark : node.path("marks")) {
                int start = mark.path(0).asInt(-1);
                int end = mark.path(1).asInt(-1);
                JsonNode term = node.path("terms").path(index);
                JsonNode clause = node.path("clauses").path(index);
                index++;
                if (start >= 0 && end > start && end <= text.length()) {
                    stored.add(new Span(
                            start,
                            end,
                            term.isTextual() ? term.asText() : null,
                            clause.isTextual() ? clause.asText() : null));
                }
            }
            stored.sort(Comparator.comparingInt(Span::start));
            List<Span> marks = new ArrayList<>();
            int previousEnd = 0;
            for (Span mark : stored) {
                if (mark.start() >= previousEnd) {
                    marks.add(mark);
                    previousEnd = mark.end();
                }
            }
            snippets.add(new Snippet(node.path("field").asText("body"), text, marks));
        }
        return snippets;
    }
}
