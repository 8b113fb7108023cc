package io.vigil.notifier.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.notifier.chat.ChatMessage.Story;
import io.vigil.spi.notify.MarkedPassage;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import io.vigil.spi.testkit.Notifications;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatMessageTest {

    @Test
    void anAlertLeadsToItsPageInVigilAndNamesItsRule() {
        ChatMessage message = ChatMessage.of(Notices.alert("n-1"), "Desk", "https://vigil.example/");

        assertThat(message.heading()).isEqualTo("New story for \u201cMosul\u201d");
        assertThat(message.title()).isEqualTo("Story");
        assertThat(message.link()).isEqualTo("https://vigil.example/alerts/7");
        Story story = message.stories().get(0);
        assertThat(story.outlets())
                .containsExactly(new ChatMessage.Outlet("Example News", "https://news.example/articles/42"));
        assertThat(story.passages().get(0).segments())
                .filteredOn(MarkedPassage.Segment::marked)
                .extracting(MarkedPassage.Segment::text)
                .containsExactly("fortifications", "Mosul");
    }

    @Test
    void anUpdateSaysTheStoryGrew() {
        Notification update = new Notification(
                "n-2",
                Notification.Kind.UPDATE,
                Notifications.CREATED,
                List.of(Notifications.alert(7, 3, "Mosul", 42, "Story")));

        assertThat(ChatMessage.of(update, "Desk", Notices.BASE_URL).heading())
                .isEqualTo("New articles in a story of \u201cMosul\u201d");
    }

    @Test
    void aDigestCountsStoriesAndRulesAndLeadsToTheInbox() {
        ChatMessage message = ChatMessage.of(Notices.digest("n-3", 5), "Desk", Notices.BASE_URL);

        assertThat(message.heading()).isEqualTo("Digest: 5 stories for 2 rules");
        assertThat(message.title()).isEqualTo(message.heading());
        assertThat(message.link()).isEqualTo("https://vigil.example/alerts");
        assertThat(message.stories())
                .extracting(Story::ruleName)
                .containsExactly("Mosul", "Border wall", "Mosul", "Border wall", "Mosul");
    }

    @Test
    void namesEachOutletOnceAndCountsThoseLeftOut() {
        Story story = ChatMessage.of(Notices.crowded("n-4"), "Desk", Notices.BASE_URL)
                .stories()
                .get(0);

        assertThat(story.outlets()).hasSize(ChatMessage.MAX_OUTLETS);
        assertThat(story.moreOutlets()).isEqualTo(30 - ChatMessage.MAX_OUTLETS);
        assertThat(ChatMessage.outletsLine(story)).endsWith("Outlet 7 (+22 more)");
        assertThat(story.firstPublished()).isEqualTo(Instant.parse("2025-03-03T14:05:00Z"));
    }

    @Test
    void cutsALongPassageToOneLineAndKeepsTheMarksThatStillFit() {
        String text = "  First line\n\nwith  Mosul   in it. " + "filler ".repeat(100) + "Mosul at the end.";
        int first = text.indexOf("Mosul");
        int last = text.lastIndexOf("Mosul");
        AlertNotice notice = new AlertNotice(
                1,
                2,
                "Rule",
                "Mosul",
                3,
                "Title",
                List.of(new ArticleNotice(4, "A", null, null, null)),
                List.of(new Passage(text, List.of(new Span(first, first + 5), new Span(last, last + 5)))),
                "/alerts/1");

        Story story = ChatMessage.of(Notifications.single("n-5", notice), "Desk", Notices.BASE_URL)
                .stories()
                .get(0);

        MarkedPassage passage = story.passages().get(0);
        assertThat(passage.text())
                .startsWith("First line with Mosul in it. filler")
                .endsWith("\u2026");
        assertThat(passage.text()).hasSize(ChatMessage.MAX_PASSAGE_CHARS);
        assertThat(passage.segments())
                .filteredOn(MarkedPassage.Segment::marked)
                .extracting(MarkedPassage.Segment::text)
                .containsExactly("Mosul");
        assertThat(story.outlets()).containsExactly(new ChatMessage.Outlet("an unnamed outlet", null));
    }

    @Test
    void aTestNamesTheChannel() {
        ChatMessage message = ChatMessage.of(Notices.test("n-6"), "Duty desk", Notices.BASE_URL);

        assertThat(message.heading()).isEqualTo("Test message from Vigil for the channel \u201cDuty desk\u201d");
        assertThat(message.note()).isNotEmpty();
        assertThat(message.stories()).isEmpty();
    }

    @Test
    void makesOnlyWebAddressesIntoLinks() {
        assertThat(ChatMessage.isWeb("https://news.example/a")).isTrue();
        assertThat(ChatMessage.isWeb("javascript:alert(1)")).isFalse();
        assertThat(ChatMessage.isWeb("/alerts/1")).isFalse();
        assertThat(ChatMessage.isWeb(null)).isFalse();
    }
}
