package io.vigil.notifier.chat;

import io.vigil.spi.notify.MarkedPassage;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import io.vigil.spi.notify.Notification.Passage;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What every chat and push channel says about a notification, before each puts it in its service's own markup: a
 * heading, and for each story its title, the link to its alert in Vigil, the outlets that carried it and the marked
 * passages. Building it once is what makes ntfy, Telegram, Matrix, Discord and Teams show the same content.
 *
 * <p>Text taken from articles is untrusted and kept raw here; every renderer escapes it for its own syntax. Links are
 * absolute (an alert's path is resolved against Vigil's base URL) and only {@link #isWeb(String) http(s)} ones are
 * ever made clickable. Immutable.
 *
 * @param kind why the notification is sent
 * @param heading one line saying what this is, such as {@code New story for “Mosul”}
 * @param note a second line for a test message; empty otherwise
 * @param stories the stories reported, in the notification's order; none for a test
 * @param link where the whole message leads in Vigil: the alert, or the alerts inbox for a digest
 */
public record ChatMessage(Notification.Kind kind, String heading, String note, List<Story> stories, String link) {

    /** The most passages a story shows; the alert page has the rest. */
    public static final int MAX_PASSAGES = 3;
    /** The longest passage shown; a longer one is cut with an ellipsis. */
    public static final int MAX_PASSAGE_CHARS = 400;
    /** The most outlets a story names; the count of the others follows. */
    public static final int MAX_OUTLETS = 8;

    public ChatMessage {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(heading, "heading is null");
        note = note == null ? "" : note;
        stories = List.copyOf(stories);
        Objects.requireNonNull(link, "link is null");
    }

    /**
     * A story as a chat shows it.
     *
     * @param ruleName the rule that matched it
     * @param query the rule's expression
     * @param title the story's headline
     * @param link the alert's page in Vigil, absolute
     * @param outlets the outlets that carried it, each once, in the order they reported it
     * @param moreOutlets how many further outlets are left out of {@link #outlets()}
     * @param passages the matched passages, at most {@link #MAX_PASSAGES}, each at most {@link #MAX_PASSAGE_CHARS}
     * @param firstPublished when its first article was published, or {@code null} when no article says
     */
    public record Story(
            String ruleName,
            String query,
            String title,
            String link,
            List<Outlet> outlets,
            int moreOutlets,
            List<MarkedPassage> passages,
            Instant firstPublished) {
        public Story {
            outlets = List.copyOf(outlets);
            passages = List.copyOf(passages);
        }
    }

    /**
     * An outlet that carried a story, and its article there.
     *
     * @param url the article's address; may be {@code null} or not a web link, then the name is shown alone
     */
    public record Outlet(String name, String url) {}

    /** The chat content of a notification; {@code channelName} names the channel in a test message. */
    public static ChatMessage of(Notification notification, String channelName, String baseUrl) {
        List<Story> stories = notification.alerts().stream()
                .map(alert -> story(alert, baseUrl))
                .toList();
        String inbox = absolute("/alerts", baseUrl);
        return switch (notification.kind()) {
            case ALERT ->
                new ChatMessage(
                        notification.kind(),
                        "New story for \u201c" + stories.get(0).ruleName() + "\u201d",
                        "",
                        stories,
                        stories.get(0).link());
            case UPDATE ->
                new ChatMessage(
                        notification.kind(),
                        "New articles in a story of \u201c" + stories.get(0).ruleName() + "\u201d",
                        "",
                        stories,
                        stories.get(0).link());
            case ESCALATION -> {
                AlertNotice alert = notification.alerts().get(0);
                yield new ChatMessage(
                        notification.kind(),
                        "A story for \u201c" + stories.get(0).ruleName() + "\u201d is spreading",
                        alert.escalation() == null
                                ? "It is carried by " + count(alert.outlets().size(), "outlet", "outlets") + "."
                                : alert.escalation().sentence(),
                        stories,
                        stories.get(0).link());
            }
            case DIGEST -> {
                Set<String> rules = new LinkedHashSet<>();
                notification.alerts().forEach(alert -> rules.add(Long.toString(alert.ruleId())));
                yield new ChatMessage(
                        notification.kind(),
                        "Digest: " + count(stories.size(), "story", "stories") + " for "
                                + count(rules.size(), "rule", "rules"),
                        "",
                        stories,
                        inbox);
            }
            case TEST ->
                new ChatMessage(
                        notification.kind(),
                        "Test message from Vigil for the channel \u201c" + channelName + "\u201d",
                        "Alerts of the rules that use this channel will arrive here.",
                        List.of(),
                        absolute("/", baseUrl));
        };
    }

    /** The title a push notification shows: the story's headline for one story, the heading otherwise. */
    public String title() {
        return stories.size() == 1 && kind != Notification.Kind.DIGEST
                ? stories.get(0).title()
                : heading;
    }

    /** Whether several stories are reported, each under its own rule. */
    public boolean isDigest() {
        return kind == Notification.Kind.DIGEST;
    }

    /** "…and 3 more stories in Vigil", for a message that had to leave stories out. */
    public static String moreStories(int left) {
        return "\u2026and " + count(left, "more story", "more stories") + " in Vigil";
    }

    /** The outlets line: {@code Reported by Example News, Wire (+2 more)} without markup. */
    public static String outletsLine(Story story) {
        StringBuilder line = new StringBuilder("Reported by ");
        for (int i = 0; i < story.outlets().size(); i++) {
            line.append(i == 0 ? "" : ", ").append(story.outlets().get(i).name());
        }
        if (story.moreOutlets() > 0) {
            line.append(" (+").append(story.moreOutlets()).append(" more)");
        }
        return line.toString();
    }

    /** Whether a link is an absolute http(s) URL, the only kind worth making clickable. */
    public static boolean isWeb(String link) {
        if (link == null) {
            return false;
        }
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme();
            return scheme != null
                    && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * {@code raw} with a backslash before each character of {@code special} and line breaks as spaces: how the
     * Markdown dialects of chat services (CommonMark for ntfy, Discord's own) are kept from reading article text as
     * markup. Each renderer names its own special characters.
     */
    public static String backslashEscaped(String raw, String special) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (special.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return out.toString();
    }

    /** Collapses runs of whitespace (line breaks included) to one space, so a passage stays one paragraph. */
    public static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ");
    }

    /** Cuts text to {@code max} characters with an ellipsis, never between the two halves of a surrogate pair. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max - 1);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }

    private static Story story(AlertNotice alert, String baseUrl) {
        Map<String, Outlet> outlets = new LinkedHashMap<>();
        Instant first = null;
        for (ArticleNotice article : alert.articles()) {
            String name = article.source() == null || article.source().isBlank()
                    ? "an unnamed outlet"
                    : oneLine(article.source()).strip();
            outlets.putIfAbsent(name, new Outlet(name, article.url()));
            if (article.publishedAt() != null
                    && (first == null || article.publishedAt().isBefore(first))) {
                first = article.publishedAt();
            }
        }
        List<Outlet> shown = new ArrayList<>(outlets.values());
        int more = Math.max(0, shown.size() - MAX_OUTLETS);
        if (more > 0) {
            shown = shown.subList(0, MAX_OUTLETS);
        }
        List<MarkedPassage> passages = alert.passages().stream()
                .limit(MAX_PASSAGES)
                .map(ChatMessage::shortened)
                .filter(passage -> !passage.text().isBlank())
                .toList();
        return new Story(
                oneLine(alert.ruleName()).strip(),
                oneLine(alert.query()).strip(),
                oneLine(alert.storyTitle()).strip(),
                absolute(alert.link() == null ? "/alerts/" + alert.alertId() : alert.link(), baseUrl),
                shown,
                more,
                passages,
                first);
    }

    /** The passage on one line and at most {@link #MAX_PASSAGE_CHARS} long, its marks kept where they still fit. */
    private static MarkedPassage shortened(Passage passage) {
        MarkedPassage tidy = MarkedPassage.of(passage);
        StringBuilder text = new StringBuilder();
        List<Notification.Span> marks = new ArrayList<>();
        for (MarkedPassage.Segment segment : tidy.segments()) {
            String piece = oneLine(segment.text());
            if (text.length() > 0 && text.charAt(text.length() - 1) == ' ' && piece.startsWith(" ")) {
                piece = piece.substring(1);
            }
            int start = text.length();
            text.append(piece);
            if (segment.marked() && !piece.isEmpty()) {
                marks.add(new Notification.Span(start, text.length()));
            }
        }
        String whole = text.toString();
        int lead = whole.length() - whole.stripLeading().length();
        String kept = whole.strip();
        boolean tooLong = kept.length() > MAX_PASSAGE_CHARS;
        String shown = cut(kept, MAX_PASSAGE_CHARS);
        int visible = tooLong ? shown.length() - 1 : shown.length();
        List<Notification.Span> shifted = marks.stream()
                .map(span ->
                        new Notification.Span(Math.max(0, span.start() - lead), Math.min(span.end() - lead, visible)))
                .toList();
        // of(…) drops the marks that fell into the cut or the stripped space.
        return MarkedPassage.of(new Passage(shown, shifted));
    }

    private static String absolute(String link, String baseUrl) {
        return link.startsWith("/") ? baseUrl.replaceAll("/+$", "") + link : link;
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
