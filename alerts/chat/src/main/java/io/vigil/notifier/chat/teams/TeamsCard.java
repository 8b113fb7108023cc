package io.vigil.notifier.chat.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.notifier.chat.ChatMessage;
import io.vigil.notifier.chat.ChatMessage.Outlet;
import io.vigil.notifier.chat.ChatMessage.Story;
import io.vigil.spi.notify.MarkedPassage;

/**
 * The message a Teams Workflows webhook posts: {@code {"type": "message", "attachments": [...]}} with one Adaptive
 * Card (version {@value #VERSION}, which Teams renders everywhere).
 *
 * <p>All text goes into {@code RichTextBlock}s of {@code TextRun}s. A {@code TextBlock} would read its text as
 * Markdown, so a headline could forge a link; a {@code TextRun} is plain text, and its {@code selectAction} is the only
 * way a link is made. Marks are highlighted, bold runs. Teams refuses a message over about 28 KB, so stories are added
 * while the card stays below {@value #MAX_BYTES} bytes and a last line says how many are left out.
 */
final class TeamsCard {

    static final String VERSION = "1.4";
    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final int MAX_BYTES = 24_000;

    private TeamsCard() {}

    static ObjectNode of(ObjectMapper json, ChatMessage message) {
        ObjectNode card = json.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", VERSION);
        card.putObject("msteams").put("width", "Full");
        ArrayNode body = card.putArray("body");
        ObjectNode heading = richText(json, body);
        run(json, heading, message.heading()).put("weight", "Bolder").put("size", "Medium");
        if (!message.note().isEmpty()) {
            run(json, richText(json, body), message.note());
        }
        int shown = 0;
        for (Story story : message.stories()) {
            ObjectNode container = story(json, story, message.isDigest());
            if (size(json, card) + size(json, container) > MAX_BYTES) {
                break;
            }
            body.add(container);
            shown++;
        }
        int left = message.stories().size() - shown;
        if (left > 0) {
            run(json, richText(json, body), ChatMessage.moreStories(left)).put("italic", true);
        }
        if (ChatMessage.isWeb(message.link())) {
            ObjectNode open = card.putArray("actions").addObject();
            open.put("type", "Action.OpenUrl");
            open.put("title", message.isDigest() ? "Open the alerts in Vigil" : "Open in Vigil");
            open.put("url", message.link());
        }
        ObjectNode envelope = json.createObjectNode();
        envelope.put("type", "message");
        ObjectNode attachment = envelope.putArray("attachments").addObject();
        attachment.put("contentType", CONTENT_TYPE);
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return envelope;
    }

    private static ObjectNode story(ObjectMapper json, Story story, boolean digest) {
        ObjectNode container = json.createObjectNode();
        container.put("type", "Container");
        container.put("separator", true);
        container.put("spacing", "Medium");
        ArrayNode items = container.putArray("items");
        if (digest) {
            run(json, richText(json, items), "Rule: " + story.ruleName()).put("italic", true);
        }
        ObjectNode title = run(json, richText(json, items), ChatMessage.cut(story.title(), 300));
        title.put("weight", "Bolder");
        open(json, title, story.link());
        if (!story.outlets().isEmpty()) {
            ObjectNode outlets = richText(json, items);
            run(json, outlets, "Reported by ");
            for (int i = 0; i < story.outlets().size(); i++) {
                Outlet outlet = story.outlets().get(i);
                if (i > 0) {
                    run(json, outlets, ", ");
                }
                open(json, run(json, outlets, ChatMessage.cut(outlet.name(), 80)), outlet.url());
            }
            if (story.moreOutlets() > 0) {
                run(json, outlets, " (+" + story.moreOutlets() + " more)");
            }
        }
        for (MarkedPassage passage : story.passages()) {
            ObjectNode quote = richText(json, items);
            for (MarkedPassage.Segment segment : passage.segments()) {
                ObjectNode run = run(json, quote, segment.text());
                if (segment.marked()) {
                    run.put("highlight", true).put("weight", "Bolder");
                }
            }
        }
        return container;
    }

    private static ObjectNode richText(ObjectMapper json, ArrayNode into) {
        ObjectNode block = into.addObject();
        block.put("type", "RichTextBlock");
        block.putArray("inlines");
        return block;
    }

    private static ObjectNode run(ObjectMapper json, ObjectNode richText, String text) {
        ObjectNode run = ((ArrayNode) richText.get("inlines")).addObject();
        run.put("type", "TextRun");
        run.put("text", text);
        return run;
    }

    /** Makes a run open the address when it is http(s); leaves it plain text otherwise. */
    private static void open(ObjectMapper json, ObjectNode run, String url) {
        if (ChatMessage.isWeb(url)) {
            ObjectNode action = run.putObject("selectAction");
            action.put("type", "Action.OpenUrl");
            action.put("url", url);
        }
    }

    private static int size(ObjectMapper json, ObjectNode node) {
        try {
            return json.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an Adaptive Card", e);
        }
    }
}
