package io.vigil.notifier.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.spi.notify.MarkedPassage;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of the {@code slack} format: a {@code text} fallback for notifications and Block Kit sections in mrkdwn, as
 * Slack's incoming webhooks (and Mattermost's and Rocket.Chat's) accept them.
 *
 * <p>Every piece of text from an article is escaped for mrkdwn ({@code &}, {@code <}, {@code >}), so a title cannot
 * forge a link or a mention. Slack refuses more than 50 blocks or a section over 3000 characters, so a long digest is
 * cut with a last line that says how many stories are left out.
 */
final class SlackMessage {

    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_CHARS = 3000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private SlackMessage() {}

    static ObjectNode from(ObjectMapper json, Notification notification, String channelName, String baseUrl) {
        ObjectNode message = json.createObjectNode();
        List<String> sections = new ArrayList<>();
        String fallback =
                switch (notification.kind()) {
                    case ALERT, UPDATE -> {
                        AlertNotice alert = notification.alerts().get(0);
                        String heading = notification.kind() == Notification.Kind.ALERT
                                ? "New story for \u201c" + alert.ruleName() + "\u201d"
                                : "A story you follow with \u201c" + alert.ruleName() + "\u201d has new articles";
                        sections.add("*" + escape(heading) + "*\nQuery: " + escape(alert.query()));
                        sections.add(story(alert, baseUrl));
                        yield heading + ": " + alert.storyTitle();
                    }
                    case ESCALATION -> {
                        AlertNotice alert = notification.alerts().get(0);
                        Notification.Escalation escalation = alert.escalation();
                        int outlets = escalation == null ? alert.outlets().size() : escalation.outlets();
                        String heading = "A story for \u201c" + alert.ruleName() + "\u201d is spreading: "
                                + count(outlets, "outlet", "outlets")
                                + (escalation == null ? "" : " within " + escalation.within());
                        sections.add("*" + escape(heading) + "*\nQuery: " + escape(alert.query()));
                        sections.add(story(alert, baseUrl));
                        yield heading + ": " + alert.storyTitle();
                    }
                    case DIGEST -> {
                        Map<Long, List<AlertNotice>> byRule = new LinkedHashMap<>();
                        for (AlertNotice alert : notification.alerts()) {
                            byRule.computeIfAbsent(alert.ruleId(), id -> new ArrayList<>())
                                    .add(alert);
                        }
                        String heading =
                                "Digest: " + count(notification.alerts().size(), "story", "stories") + " for "
                                        + count(byRule.size(), "rule", "rules");
                        sections.add("*" + escape(heading) + "*");
                        for (List<AlertNotice> rule : byRule.values()) {
                            sections.add("*Rule: " + escape(rule.get(0).ruleName()) + "*\nQuery: "
                                    + escape(rule.get(0).query()));
                            rule.forEach(alert -> sections.add(story(alert, baseUrl)));
                        }
                        yield heading;
                    }
                    case TEST -> {
                        String heading = "Test message from Vigil for the channel \u201c" + channelName + "\u201d";
                        sections.add("*" + escape(heading)
                                + "*\nAlerts of the rules that use this channel will arrive here.");
                        yield heading;
                    }
                };
        message.put("text", escape(fallback));
        ArrayNode blocks = message.putArray("blocks");
        int shown = Math.min(sections.size(), MAX_BLOCKS);
        if (sections.size() > MAX_BLOCKS) {
            shown = MAX_BLOCKS - 1;
        }
        for (int i = 0; i < shown; i++) {
            section(blocks, sections.get(i));
        }
        if (shown < sections.size()) {
            int left = sections.size() - shown;
            section(blocks, "_\u2026and " + left + " more " + (left == 1 ? "entry" : "entries") + ", see Vigil._");
        }
        return message;
    }

    private static String story(AlertNotice alert, String baseUrl) {
        StringBuilder text = new StringBuilder();
        text.append("*")
                .append(link(Links.absolute(alert.link(), baseUrl), alert.storyTitle()))
                .append("*");
        for (ArticleNotice article : alert.articles()) {
            text.append("\n\u2022 ").append(link(article.url(), article.title()));
            List<String> about = new ArrayList<>();
            if (article.source() != null && !article.source().isBlank()) {
                about.add(escape(article.source()));
            }
            if (article.publishedAt() != null) {
                about.add(TIME.format(article.publishedAt()));
            }
            if (!about.isEmpty()) {
                text.append(" \u2014 ").append(String.join(", ", about));
            }
        }
        alert.passages().stream()
                .map(MarkedPassage::of)
                .map(passage -> passage.render(raw -> escape(raw.replaceAll("\\s+", " ")), "*", "*"))
                .forEach(quoted -> text.append("\n>").append(quoted.strip()));
        return text.toString();
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        String text =
                mrkdwn.length() > MAX_SECTION_CHARS ? mrkdwn.substring(0, MAX_SECTION_CHARS - 1) + "\u2026" : mrkdwn;
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode body = section.putObject("text");
        body.put("type", "mrkdwn");
        body.put("text", text);
    }

    /** A mrkdwn link when the URL is http(s), the escaped label alone otherwise. */
    private static String link(String url, String label) {
        String text = escape(label == null || label.isBlank() ? String.valueOf(url) : label);
        if (!Links.isWeb(url)) {
            return text;
        }
        // In <url|label> the URL ends at '|' or '>', so those must not survive inside it.
        String target = url.replace("&", "&amp;")
                .replace("<", "%3C")
                .replace(">", "%3E")
                .replace("|", "%7C");
        return "<" + target + "|" + text + ">";
    }

    /** Escapes the three characters Slack's mrkdwn gives a meaning in angle-bracket syntax. */
    static String escape(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
