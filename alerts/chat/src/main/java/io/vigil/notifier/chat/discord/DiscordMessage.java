package io.vigil.notifier.chat.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.notifier.chat.ChatMessage;
import io.vigil.notifier.chat.ChatMessage.Outlet;
import io.vigil.notifier.chat.ChatMessage.Story;
import io.vigil.spi.notify.MarkedPassage;
import java.time.format.DateTimeFormatter;

/**
 * The body of a Discord webhook execution: a short {@code content} line and one embed per story, within Discord's
 * limits — at most {@value #MAX_EMBEDS} embeds, a title of {@value #MAX_TITLE} and a description of
 * {@value #MAX_DESCRIPTION} characters, a footer of {@value #MAX_FOOTER}, and {@value #MAX_TOTAL} characters over all
 * embeds together; {@code content} at most {@value #MAX_CONTENT}. A digest with more stories than fit names how many
 * are left out in its {@code content}.
 *
 * <p>Article text is escaped for Discord's Markdown (a backslash before {@code * _ ~ ` | > # [ ] ( ) < @ \}), and
 * {@code allowed_mentions} is empty, so no {@code @everyone} in a headline can ping a server.
 */
final class DiscordMessage {

    static final int MAX_EMBEDS = 10;
    static final int MAX_TITLE = 256;
    static final int MAX_DESCRIPTION = 4096;
    static final int MAX_FOOTER = 2048;
    static final int MAX_TOTAL = 6000;
    static final int MAX_CONTENT = 2000;
    /** Vigil's blue, so alerts are recognisable in a busy channel. */
    static final int COLOR = 0x2B6CB0;

    private static final String SPECIAL = "\\*_~`|>#[]()<@:-";

    private DiscordMessage() {}

    static ObjectNode of(ObjectMapper json, ChatMessage message) {
        ObjectNode body = json.createObjectNode();
        body.put("username", "Vigil");
        body.putObject("allowed_mentions").putArray("parse");
        ArrayNode embeds = json.createArrayNode();
        int total = 0;
        int shown = 0;
        for (Story story : message.stories()) {
            if (shown == MAX_EMBEDS) {
                break;
            }
            ObjectNode embed = embed(json, story, message.isDigest());
            int size = size(embed);
            if (total + size > MAX_TOTAL) {
                break;
            }
            embeds.add(embed);
            total += size;
            shown++;
        }
        StringBuilder content =
                new StringBuilder("**").append(escape(message.heading())).append("**");
        if (!message.note().isEmpty()) {
            content.append('\n').append(escape(message.note()));
        }
        int left = message.stories().size() - shown;
        if (left > 0) {
            content.append('\n').append(link(message.link(), ChatMessage.moreStories(left)));
        }
        body.put("content", ChatMessage.cut(content.toString(), MAX_CONTENT));
        if (!embeds.isEmpty()) {
            body.set("embeds", embeds);
        }
        return body;
    }

    private static ObjectNode embed(ObjectMapper json, Story story, boolean digest) {
        ObjectNode embed = json.createObjectNode();
        embed.put("title", ChatMessage.cut(escape(story.title()), MAX_TITLE));
        if (ChatMessage.isWeb(story.link())) {
            embed.put("url", story.link());
        }
        embed.put("color", COLOR);
        StringBuilder description = new StringBuilder();
        if (!story.outlets().isEmpty()) {
            description.append("Reported by ");
            for (int i = 0; i < story.outlets().size(); i++) {
                Outlet outlet = story.outlets().get(i);
                description.append(i == 0 ? "" : ", ").append(link(outlet.url(), ChatMessage.cut(outlet.name(), 80)));
            }
            if (story.moreOutlets() > 0) {
                description.append(" (+").append(story.moreOutlets()).append(" more)");
            }
        }
        for (MarkedPassage passage : story.passages()) {
            description.append(description.isEmpty() ? "" : "\n\n");
            description.append("> ").append(passage.render(DiscordMessage::escape, "**", "**"));
        }
        if (!description.isEmpty()) {
            embed.put("description", ChatMessage.cut(description.toString(), MAX_DESCRIPTION));
        }
        embed.putObject("footer")
                .put(
                        "text",
                        ChatMessage.cut((digest ? "Rule: " : "Vigil \u00b7 rule ") + story.ruleName(), MAX_FOOTER));
        if (story.firstPublished() != null) {
            embed.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(story.firstPublished()));
        }
        return embed;
    }

    /** The characters Discord counts against the 6000 of a message's embeds. */
    static int size(ObjectNode embed) {
        return embed.path("title").asText("").length()
                + embed.path("description").asText("").length()
                + embed.path("footer").path("text").asText("").length()
                + embed.path("author").path("name").asText("").length();
    }

    /** A masked link when the address is http(s), the escaped label alone otherwise. */
    private static String link(String url, String label) {
        if (!ChatMessage.isWeb(url)) {
            return escape(label);
        }
        String target = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20");
        return "[" + escape(label) + "](" + target + ")";
    }

    static String escape(String raw) {
        return ChatMessage.backslashEscaped(raw, SPECIAL);
    }
}
