package io.vigil.notifier.email;

import io.vigil.spi.notify.MarkedPassage;
import io.vigil.spi.notify.MarkedPassage.Segment;
import io.vigil.spi.notify.Notification.Passage;
import java.util.List;

/**
 * What the e-mail templates show: one view for all kinds of notification, so a single pair of templates renders an
 * alert (one rule, one story), a digest (many rules, many stories) and a test (no rules).
 *
 * <p>Every string here is raw text; the HTML template escapes on output. Links are absolute {@code http}/{@code https}
 * URLs or {@code null}, so an article URL such as {@code javascript:…} never becomes a link.
 *
 * @param subject the subject line, also the HTML title
 * @param heading the first line of the message
 * @param intro a sentence under the heading, or empty
 * @param rules the rules that matched, each with its stories, in the order of the notification
 * @param channelName the channel the message went through, for the footer
 * @param channelsLink the Channels page, where an admin turns the channel off, for the footer; {@code null} when the
 *     base URL is not a web address
 */
public record EmailView(
        String subject, String heading, String intro, List<RuleView> rules, String channelName, String channelsLink) {

    public EmailView {
        rules = List.copyOf(rules);
    }

    /**
     * A rule and the stories it matched; {@code link} is the rule's page, where its channels are ticked, or
     * {@code null}.
     */
    public record RuleView(String name, String query, String link, List<StoryView> stories) {
        public RuleView {
            stories = List.copyOf(stories);
        }
    }

    /** A story: its headline, where to read the alert in Vigil, its articles and matched passages. */
    public record StoryView(String title, String link, List<ArticleView> articles, List<PassageView> passages) {
        public StoryView {
            articles = List.copyOf(articles);
            passages = List.copyOf(passages);
        }
    }

    /**
     * An article of a story.
     *
     * @param time the publication time as readers read it, such as {@code 3 Mar 2025, 14:05 UTC}, or empty
     * @param url the article's address when it is an http(s) URL, otherwise {@code null}
     */
    public record ArticleView(String title, String source, String time, String url) {}

    /**
     * A matched passage on one line: runs of white space (line breaks of the page dump) become one space, which keeps
     * it on one line of the text part.
     *
     * @param segments the passage in plain and marked pieces, for the HTML template to wrap the marked ones
     * @param withGuillemets the passage for plain text, each marked piece between guillemets: {@code the «forts» of}
     */
    public record PassageView(List<Segment> segments, String withGuillemets) {

        public PassageView {
            segments = List.copyOf(segments);
        }

        static PassageView of(Passage passage) {
            MarkedPassage marked = MarkedPassage.of(passage);
            return new PassageView(
                    marked.segments().stream()
                            .map(segment -> new Segment(oneLine(segment.text()), segment.marked()))
                            .toList(),
                    marked.render(PassageView::oneLine, "\u00ab", "\u00bb").strip());
        }

        private static String oneLine(String text) {
            return text.replaceAll("\\s+", " ");
        }
    }
}
