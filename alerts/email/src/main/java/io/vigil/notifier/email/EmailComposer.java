package io.vigil.notifier.email;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import io.vigil.notifier.email.EmailView.ArticleView;
import io.vigil.notifier.email.EmailView.PassageView;
import io.vigil.notifier.email.EmailView.RuleView;
import io.vigil.notifier.email.EmailView.StoryView;
import io.vigil.spi.mail.MailMessage;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a notification into the e-mail that reports it: subject, headers, and a plain-text and an HTML part rendered
 * by Qute from the templates {@code message.txt} and {@code message.html} beside this class.
 *
 * <p>The HTML template is registered as {@code text/html}, so Qute escapes every value it prints: titles and passages
 * come from the web and may hold markup. Thread-safe: the engine and parsed templates are immutable once built.
 */
final class EmailComposer {

    private static final String TEMPLATES = "/io/vigil/notifier/email/templates/";
    private static final int SUBJECT_LENGTH = 160;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Engine engine = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .addLocator(new ClasspathLocator())
            .build();

    /** Composes the message; the same notification always gives the same Message-ID, subject and parts. */
    MailMessage compose(
            Notification notification,
            List<String> recipients,
            String subjectPrefix,
            String channelName,
            String baseUrl) {
        EmailView view = view(notification, subjectPrefix, channelName, baseUrl);
        String text = template("message.txt").data("view", view).render();
        String html = template("message.html").data("view", view).render();
        Map<String, String> headers = new LinkedHashMap<>();
        // RFC 3834: tells vacation responders and ticket systems not to answer a machine.
        headers.put("Auto-Submitted", "auto-generated");
        headers.put("X-Vigil-Notification", notification.id());
        headers.put("X-Vigil-Kind", notification.kind().name().toLowerCase(Locale.ROOT));
        if (notification.alerts().size() == 1
                && (notification.kind() == Notification.Kind.ALERT
                        || notification.kind() == Notification.Kind.UPDATE
                        || notification.kind() == Notification.Kind.ESCALATION)) {
            AlertNotice alert = notification.alerts().get(0);
            // A shared (never sent) parent per rule and story: mail readers thread an alert and its updates together.
            headers.put("References", "<story-" + alert.storyId() + ".rule-" + alert.ruleId() + "@vigil>");
        }
        return new MailMessage(recipients, view.subject(), text, html, messageId(notification.id()), headers);
    }

    /**
     * The Message-ID for a notification id, {@code <id@vigil>}: stable across attempts; characters that a Message-ID
     * may not hold are written as {@code =XX} so that two different ids never give the same Message-ID.
     */
    static String messageId(String notificationId) {
        StringBuilder left = new StringBuilder();
        for (char c : notificationId.toCharArray()) {
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.';
            left.append(plain ? String.valueOf(c) : String.format("=%02X", (int) c));
        }
        return "<" + left + "@vigil>";
    }

    private TemplateInstance template(String name) {
        Template template = engine.getTemplate(name);
        if (template == null) {
            throw new IllegalStateException("template " + TEMPLATES + name + " is missing from the notifier's jar");
        }
        return template.instance();
    }

    private static EmailView view(Notification notification, String prefix, String channelName, String baseUrl) {
        List<RuleView> rules = rules(notification.alerts(), baseUrl);
        int stories = notification.alerts().size();
        Heading heading =
                switch (notification.kind()) {
                    case ALERT -> {
                        AlertNotice alert = notification.alerts().get(0);
                        yield new Heading(
                                "New story for \u201c" + alert.ruleName() + "\u201d",
                                "",
                                alert.ruleName() + ": " + alert.storyTitle());
                    }
                    case UPDATE -> {
                        AlertNotice alert = notification.alerts().get(0);
                        yield new Heading(
                                "A story you follow with \u201c" + alert.ruleName() + "\u201d has new articles",
                                "",
                                "Update: " + alert.ruleName() + ": " + alert.storyTitle());
                    }
                    case ESCALATION -> {
                        AlertNotice alert = notification.alerts().get(0);
                        yield new Heading(
                                "A story for \u201c" + alert.ruleName() + "\u201d is spreading",
                                escalationLine(alert),
                                "Escalation: " + alert.ruleName() + ": " + alert.storyTitle());
                    }
                    case DIGEST -> {
                        String line = "Digest: " + count(stories, "story", "stories") + " for "
                                + count(rules.size(), "rule", "rules");
                        yield new Heading(line, "", line);
                    }
                    case TEST ->
                        new Heading(
                                "Test message from Vigil",
                                "This is a test of the channel \u201c" + channelName
                                        + "\u201d. Alerts of the rules that use it will arrive at this address.",
                                "Test message for channel \u201c" + channelName + "\u201d");
                };
        return new EmailView(
                subject(prefix, heading.subject()),
                heading.line(),
                heading.intro(),
                rules,
                channelName,
                link("/channels", baseUrl));
    }

    private record Heading(String line, String intro, String subject) {}

    /** "Carried by 5 outlets within 1 hour of its first article (the rule asks for 4)." */
    private static String escalationLine(AlertNotice alert) {
        Notification.Escalation escalation = alert.escalation();
        if (escalation == null) {
            return "It is carried by " + count(alert.outlets().size(), "outlet", "outlets") + ".";
        }
        return escalation.sentence();
    }

    /** Groups alerts under their rule, rules in the order they first appear. */
    private static List<RuleView> rules(List<AlertNotice> alerts, String baseUrl) {
        Map<Long, List<AlertNotice>> byRule = new LinkedHashMap<>();
        for (AlertNotice alert : alerts) {
            byRule.computeIfAbsent(alert.ruleId(), id -> new ArrayList<>()).add(alert);
        }
        List<RuleView> rules = new ArrayList<>();
        for (List<AlertNotice> group : byRule.values()) {
            AlertNotice first = group.get(0);
            List<StoryView> stories = group.stream()
                    .map(alert -> new StoryView(
                            alert.storyTitle(),
                            link(alert.link(), baseUrl),
                            alert.articles().stream()
                                    .map(EmailComposer::article)
                                    .toList(),
                            alert.passages().stream().map(PassageView::of).toList()))
                    .toList();
            // Recipients asked how to stop the mail: the rule's page is where this channel is ticked off.
            rules.add(
                    new RuleView(first.ruleName(), first.query(), link("/rules/" + first.ruleId(), baseUrl), stories));
        }
        return rules;
    }

    private static ArticleView article(ArticleNotice article) {
        return new ArticleView(
                article.title(),
                article.source() == null ? "" : article.source(),
                article.publishedAt() == null ? "" : TIME.format(article.publishedAt()),
                webUrl(article.url()));
    }

    /** The alert's link made absolute against Vigil's base URL when the engine gave a path. */
    private static String link(String link, String baseUrl) {
        if (link == null || link.isBlank()) {
            return null;
        }
        if (link.startsWith("/")) {
            return webUrl(baseUrl.replaceAll("/+$", "") + link);
        }
        return webUrl(link);
    }

    private static String webUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            boolean web = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
            return web && uri.getHost() != null ? uri.toString() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String subject(String prefix, String text) {
        // Titles come from the web: control characters would break the header, and very long ones get cut by readers.
        String oneLine = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (oneLine.length() > SUBJECT_LENGTH) {
            oneLine = oneLine.substring(0, SUBJECT_LENGTH - 1).strip() + "\u2026";
        }
        return prefix == null || prefix.isBlank() ? oneLine : prefix.strip() + " " + oneLine;
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** Finds templates among this module's resources; {@code .html} ones are marked as HTML so that Qute escapes. */
    private static final class ClasspathLocator implements TemplateLocator {
        @Override
        public Optional<TemplateLocation> locate(String id) {
            InputStream stream = EmailComposer.class.getResourceAsStream(TEMPLATES + id);
            if (stream == null) {
                return Optional.empty();
            }
            Variant variant = id.endsWith(".html")
                    ? new Variant(Locale.ENGLISH, StandardCharsets.UTF_8, Variant.TEXT_HTML)
                    : new Variant(Locale.ENGLISH, StandardCharsets.UTF_8, Variant.TEXT_PLAIN);
            return Optional.of(new TemplateLocation() {
                @Override
                public Reader read() {
                    return new InputStreamReader(stream, StandardCharsets.UTF_8);
                }

                @Override
                public Optional<Variant> getVariant() {
                    return Optional.of(variant);
                }
            });
        }
    }
}
