package io.vigil.engine.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.engine.rule.Snippet;
import io.vigil.engine.rule.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Snippets in the stored form of {@code article_match.snippets}:
 * {@code [{"field": "body", "text": "...", "marks": [[start, end], ...]}]}, which delivery reads too.
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
        }
        return array.toString();
    }

    /** The snippets stored as JSON; marks that do not fit the text are dropped, and unreadable JSON gives none. */
    public static List<Snippet> fromJson(String json) {
        List<Snippet> snippets = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return snippets;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return snippets;
        }
        for (JsonNode node : root) {
            String text = node.path("text").asText("");
            List<Span> marks = new ArrayList<>();
            int previousEnd = 0;
            for (JsonNode mark : node.path("marks")) {
                int start = mark.path(0).asInt(-1);
                int end = mark.path(1).asInt(-1);
                if (start >= previousEnd && end >= start && end <= text.length()) {
                    marks.add(new Span(start, end, text.substring(start, end)));
                    previousEnd = end;
                }
            }
            snippets.add(new Snippet(node.path("field").asText("body"), text, marks));
        }
        return snippets;
    }
}
