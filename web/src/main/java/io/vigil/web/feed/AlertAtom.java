package io.vigil.web.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.vigil.engine.alert.AlertView;
import io.vigil.engine.alert.AlertView.AlertArticle;
import io.vigil.engine.rule.Snippet;
import io.vigil.spi.notify.MarkedPassage;
import io.vigil.web.feed.Feeds.FeedRef;
import io.vigil.web.ui.Links;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Writes a feed of alerts as Atom 1.0 (RFC 4287) with Rome, which takes care of the XML: an entry per alert, its id and
 * link the alert's page, its title the story's headline, its {@code updated} the time an outlet last joined, its
 * content the articles and their marked passages as HTML — escaped by us (article text is untrusted), then carried as
 * escaped text in the XML by Rome.
 *
 * <p>Text from the web may hold characters XML 1.0 cannot carry (control characters); they are dropped, since a single
 * one would make the whole document unreadable.
 */
final class AlertAtom {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private AlertAtom() {}

    /**
     * The document.
     *
     * @param self the URL the feed is read at
     * @param base Vigil's base URL, without a trailing slash
     * @param link the page of an alert, by id
     */
    static String write(FeedRef feed, List<AlertView> alerts, String self, String base, LongFunction<String> link) {
        Feed atom = new Feed("atom_1.0");
        atom.setId(base + "/feeds/" + feed.id());
        atom.setTitle(xml("Vigil: " + feed.name()));
        Content subtitle = new Content();
        subtitle.setType("text");
        subtitle.setValue(xml(
                feed.ruleName() == null
                        ? "Every alert of Vigil"
                        : "The alerts of the rule \u201c" + feed.ruleName() + "\u201d"));
        atom.setSubtitle(subtitle);
        Instant updated = alerts.stream()
                .map(AlertView::updatedAt)
                .max(Instant::compareTo)
                .orElse(feed.createdAt());
        atom.setUpdated(Date.from(updated));
        atom.setOtherLinks(List.of(link("self", "application/atom+xml", self)));
        atom.setAlternateLinks(List.of(link(
                "alternate",
                "text/html",
                base + "/alerts?period=all&state=all" + (feed.ruleId() == null ? "" : "&rule=" + feed.ruleId()))));
        Person vigil = new Person();
        vigil.setName("Vigil");
        atom.setAuthors(List.of(vigil));
        Generator generator = new Generator();
        generator.setValue("Vigil");
        atom.setGenerator(generator);
        List<Entry> entries = new ArrayList<>();
        for (AlertView alert : alerts) {
            entries.add(entry(alert, link.apply(alert.id())));
        }
        atom.setEntries(entries);
        try {
            return new WireFeedOutput().outputString(atom);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome could not write the feed of alerts " + feed.id(), e);
        }
    }

    private static Entry entry(AlertView alert, String link) {
        Entry entry = new Entry();
        entry.setId(link);
        Content title = new Content();
        title.setType("text");
        title.setValue(xml(alert.storyTitle()));
        entry.setTitleEx(title);
        entry.setAlternateLinks(List.of(link("alternate", "text/html", link)));
        entry.setPublished(Date.from(alert.createdAt()));
        entry.setUpdated(Date.from(alert.updatedAt()));
        Category rule = new Category();
        rule.setTerm(xml(alert.ruleName()));
        rule.setLabel(xml(alert.ruleName()));
        entry.setCategories(List.of(rule));
        Content content = new Content();
        content.setType("html");
        content.setValue(xml(html(alert, link)));
        entry.setContents(List.of(content));
        return entry;
    }

    /** The entry's body: the rule, every article with its outlet and time, and the passages with the marks. */
    static String html(AlertView alert, String link) {
        StringBuilder html = new StringBuilder();
        html.append("<p>Rule <strong>")
                .append(escape(alert.ruleName()))
                .append("</strong> · ")
                .append(alert.articleCount())
                .append(alert.articleCount() == 1 ? " article" : " articles")
                .append(" from ")
                .append(escape(String.join(", ", alert.outlets())));
        if (alert.escalated()) {
            html.append(" · <strong>escalated</strong>");
        }
        html.append("</p>");
        for (AlertArticle article : alert.articles()) {
            html.append("<h3>");
            String url = Links.webLink(article.url());
            if (url != null) {
                html.append("<a href=\"").append(escape(url)).append("\">");
            }
            html.append(escape(article.title()));
            if (url != null) {
                html.append("</a>");
            }
            html.append("</h3><p><em>").append(escape(article.source()));
            if (article.time() != null) {
                html.append(", ").append(TIME.format(article.time()));
            }
            html.append("</em></p>");
            for (Snippet passage : article.passages()) {
                html.append("<blockquote><p>")
                        .append(MarkedPassage.of(passage(passage)).html())
                        .append("</p></blockquote>");
            }
        }
        html.append("<p><a href=\"").append(escape(link)).append("\">Open the alert in Vigil</a></p>");
        return html.toString();
    }

    private static io.vigil.spi.notify.Notification.Passage passage(Snippet snippet) {
        return new io.vigil.spi.notify.Notification.Passage(
                snippet.text(),
                snippet.marks().stream()
                        .map(mark -> new io.vigil.spi.notify.Notification.Span(mark.start(), mark.end()))
                        .toList());
    }

    private static Link link(String rel, String type, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }

    private static String escape(String text) {
        return MarkedPassage.escapeHtml(text == null ? "" : text);
    }

    /** The text without the characters XML 1.0 cannot hold. */
    static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (allowed) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
