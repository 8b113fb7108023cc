package io.vigil.notifier.email;

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
 */
public record EmailView(String subject, String heading, String intro, List<RuleView> rules, String channelName) {

    public EmailView {
        rules = List.copyOf(rules);
    }

    /** A rule and the stories it matched. */
    public record RuleView(String name, String query, List<StoryView> stories) {
        public RuleView {
            stories = List.copyOf(stories);
        }
    }

    /** A story: its headline, where to read the alert in Vigil, its articles and matched passages. */
    public record StoryView(String title, String link, List<ArticleView> articles, List<MarkedPassage> passages) {
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
}
