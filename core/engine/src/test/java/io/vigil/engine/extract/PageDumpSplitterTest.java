package io.vigil.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The splitter on pages it was not built from: other line endings, widgets, footers, comment threads and sizes. */
class PageDumpSplitterTest {

    private final PageDumpSplitter splitter = new PageDumpSplitter();

    private static String resource(String name) {
        try (InputStream in = PageDumpSplitterTest.class.getResourceAsStream("/extract/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource extract/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> paragraphs(ExtractedArticle article) {
        return Arrays.asList(article.body().split("\n\n"));
    }

    /** A page laid out like the seeds: headline, caption pair, widgets, headline again, caption pair, text. */
    private static String markedPage(String title, String caption, String widgets, String... paragraphs) {
        return title + "\n\n" + caption + "\n" + caption + "\n" + widgets + "\n\n" + title + "\n\n" + caption + "\n"
                + caption + "\n\n" + String.join("\n\n", paragraphs) + "\n";
    }

    private static final String LEDE = "The ministry said on Sunday that the new crossing would open next month.";
    private static final String SECOND = "Traders welcomed the decision, which they said had been expected for years.";

    @Test
    void splitsCrlfLineEndingsLikeLineFeeds() {
        String seed = SeedDumps.read("000");

        assertThat(splitter.split(seed.replace("\n", "\r\n")))
                .isEqualTo(splitter.split(seed))
                .hasSize(2);
    }

    @Test
    void splitsLoneCarriageReturnLineEndingsLikeLineFeeds() {
        String seed = SeedDumps.read("001");

        assertThat(splitter.split(seed.replace("\n", "\r")))
                .isEqualTo(splitter.split(seed))
                .hasSize(2);
    }

    @Test
    void ignoresAByteOrderMarkAtTheStartOfTheFile() {
        String seed = SeedDumps.read("004");

        List<ExtractedArticle> articles = splitter.split("\uFEFF" + seed);

        assertThat(articles).isEqualTo(splitter.split(seed));
        assertThat(articles.getFirst().title()).isEqualTo("Iraq Forms Security Crisis Cell to Coordinate with Syria");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "1,204", "20", "1.2K", "0"})
    void dropsAWidgetCounterOfAnyValue(String counter) {
        String page =
                markedPage("New Crossing to Open on Jordan Border", "A border post (AFP)", "TT\n" + counter, LEDE);

        List<ExtractedArticle> articles = splitter.split(page);

        assertThat(articles).containsExactly(new ExtractedArticle("New Crossing to Open on Jordan Border", LEDE));
    }

    @Test
    void splitsThreeArticlesOnOnePageWithAndWithoutCaptions() {
        List<ExtractedArticle> articles = splitter.split(resource("three-marked-articles.txt"));

        assertThat(articles)
                .extracting(ExtractedArticle::title)
                .containsExactly(
                        "Port Workers Strike Over Unpaid Wages in Basra",
                        "Power Cuts Return to Baghdad as Temperatures Pass 50 Degrees",
                        "Election Commission Sets Date for Provincial Vote");
        assertThat(paragraphs(articles.get(0)))
                .containsExactly(
                        "Hundreds of dock workers at Umm Qasr stopped work on Sunday, saying they had not been paid for"
                                + " three months.",
                        "The port authority said salaries would be paid once the finance ministry released the funds.");
        assertThat(paragraphs(articles.get(1))).hasSize(3).first().asString().startsWith("Residents of Baghdad");
        assertThat(paragraphs(articles.get(2)))
                .hasSize(2)
                .noneMatch(paragraph -> paragraph.contains("polling station") || paragraph.contains("About us"));
    }

    @Test
    void takesTheHeadlineOfAPageWithoutAnyFurniture() {
        String page = "Parliament Approves Budget After Months of Delay\n\n" + LEDE + "\n\n" + SECOND + "\n";

        assertThat(splitter.split(page))
                .containsExactly(new ExtractedArticle(
                        "Parliament Approves Budget After Months of Delay", LEDE + "\n\n" + SECOND));
    }

    @Test
    void splitsUnmarkedArticlesSeparatedByBlankLines() {
        String page = "First Headline About the Border\n\n" + LEDE + "\n\n\n\nSecond Headline About the Budget\n\n"
                + SECOND + "\n\n\n\nThird Headline About the Port\n\n" + LEDE + " It is a third story.\n";

        assertThat(splitter.split(page))
                .extracting(ExtractedArticle::title)
                .containsExactly(
                        "First Headline About the Border",
                        "Second Headline About the Budget",
                        "Third Headline About the Port");
    }

    @Test
    void endsTheArticleAtADifferentSitesCommentThread() {
        List<ExtractedArticle> articles = splitter.split(resource("other-site-with-comments.txt"));

        assertThat(articles).hasSize(1);
        ExtractedArticle article = articles.getFirst();
        assertThat(article.title()).isEqualTo("Drought Forces Farmers in Nineveh to Abandon Wheat Fields");
        assertThat(paragraphs(article)).hasSize(3).first().asString().startsWith("Farmers across the Nineveh plains");
        assertThat(article.body())
                .doesNotContain("Photo: Local Council", "Share", "Tweet", "Comments", "Abu Omar", "Reply", "Log in");
        assertThat(article.body()).doesNotContain("Home | World", "1,204", "A+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-----", "=====", "_ _ _ _ _", "______________________", "= = = = = = =", "  ----------  "})
    void endsTheBodyAtAFooterRule(String rule) {
        String page = markedPage("Oil Exports Rise in March", "Tankers at Basra (Reuters)", "TT", LEDE, SECOND) + "\n"
                + rule + "\n\nAbout this site\n\nWe publish news and analysis from the region every day.\n";

        assertThat(splitter.split(page))
                .containsExactly(new ExtractedArticle("Oil Exports Rise in March", LEDE + "\n\n" + SECOND));
    }

    @Test
    void keepsASectionBreakOfStarsOutOfTheBodyWithoutEndingIt() {
        String page = "Oil Exports Rise in March\n\n" + LEDE + "\n\n* * *\n\n" + SECOND + "\n";

        assertThat(splitter.split(page))
                .containsExactly(new ExtractedArticle("Oil Exports Rise in March", LEDE + "\n\n" + SECOND));
    }

    @Test
    void recognisesAHeadlineRepeatedWithoutACaption() {
        String page = "Oil Exports Rise in March\n\nTT\n7\n\nOil Exports Rise in March\n\n" + LEDE + "\n";

        assertThat(splitter.split(page)).containsExactly(new ExtractedArticle("Oil Exports Rise in March", LEDE));
    }

    @Test
    void dropsACaptionPairThatCarriesNoCredit() {
        String page = markedPage("Oil Exports Rise in March", "Tankers waiting off the coast", "TT", LEDE, SECOND);

        assertThat(splitter.split(page))
                .containsExactly(new ExtractedArticle("Oil Exports Rise in March", LEDE + "\n\n" + SECOND));
    }

    @Test
    void dropsALoneCreditedCaptionRightAfterTheHeadline() {
        String page = "Oil Exports Rise in March\n\nOil Exports Rise in March\n\nTankers in the Gulf. (File photo)\n\n"
                + LEDE + "\n\n" + SECOND + "\n";

        assertThat(splitter.split(page))
                .containsExactly(new ExtractedArticle("Oil Exports Rise in March", LEDE + "\n\n" + SECOND));
    }

    @Test
    void keepsALedeEndingInACreditWhenTheCaptionWasAlreadyPaired() {
        String lede = "Iraq and Jordan agreed to reopen the Trebil crossing, officials said. (AFP)";
        String page = markedPage("Oil Exports Rise in March", "Tankers (Reuters)", "TT", lede, SECOND);

        assertThat(paragraphs(splitter.split(page).getFirst())).containsExactly(lede, SECOND);
    }

    @Test
    void dropsACaptionPairInsideTheBody() {
        String page = "Oil Exports Rise in March\n\n" + LEDE
                + "\n\nA tanker at Basra (AFP)\nA tanker at Basra (AFP)\n\n" + SECOND + "\n";

        assertThat(splitter.split(page))
                .containsExactly(new ExtractedArticle("Oil Exports Rise in March", LEDE + "\n\n" + SECOND));
    }

    @Test
    void treatsTabsAndNoBreakSpacesAsPlainSpaces() {
        String page = "\tOil\u00A0Exports  Rise in March \n\u00A0\n\t" + LEDE.replace(" ", "\u00A0") + "\t\n \t\n"
                + SECOND.replace(" ", "\u202F") + "\n";

        assertThat(splitter.split(page))
                .containsExactly(new ExtractedArticle("Oil Exports Rise in March", LEDE + "\n\n" + SECOND));
    }

    @Test
    void joinsAHardWrappedParagraph() {
        String page =
                "Oil Exports Rise in March\n\nThe ministry said on Sunday that exports\nrose by a tenth in March, the"
                        + " highest\nlevel since 2019.\n\n" + SECOND + "\n";

        assertThat(paragraphs(splitter.split(page).getFirst()))
                .containsExactly(
                        "The ministry said on Sunday that exports rose by a tenth in March, the highest level since"
                                + " 2019.",
                        SECOND);
    }

    @Test
    void holdsARepeatedParagraphOnce() {
        String page = "Oil Exports Rise in March\n\n" + LEDE + "\n\n" + SECOND + "\n\n" + LEDE + "\n";

        assertThat(paragraphs(splitter.split(page).getFirst())).containsExactly(LEDE, SECOND);
    }

    @Test
    void titlesTextWithoutAnyHeadlineByItsOpeningWords() {
        String page = LEDE + "\n\n" + SECOND + "\n";

        List<ExtractedArticle> articles = splitter.split(page);

        assertThat(articles).hasSize(1);
        assertThat(articles.getFirst().title())
                .isEqualTo("The ministry said on Sunday that the new crossing would open" + " next\u2026");
        assertThat(articles.getFirst().body()).isEqualTo(LEDE + "\n\n" + SECOND);
    }

    @Test
    void returnsNothingForAPageOfFurnitureOnly() {
        String page = "TT\n20\n\nShare\nTweet\n\n_____________\n\nSubscribe\nNotify of\nguest\n0 Comments\nOldest\n";

        assertThat(splitter.split(page)).isEmpty();
    }

    @Test
    void returnsNothingForNullEmptyOrBlankText() {
        assertThat(splitter.split(null)).isEmpty();
        assertThat(splitter.split("")).isEmpty();
        assertThat(splitter.split(" \n\r\n\t\u00A0\uFEFF\n")).isEmpty();
    }

    @Test
    void returnsNothingForAHeadlineWithoutText() {
        assertThat(splitter.split("Oil Exports Rise in March\n\nTT\n20\n\nOil Exports Rise in March\n"))
                .isEmpty();
    }

    @Test
    void keepsAVeryLongSingleParagraphArticle() {
        String paragraph = (LEDE + " ").repeat(20_000).strip();
        String page = markedPage("Oil Exports Rise in March", "Tankers (AFP)", "TT\n20", paragraph);

        assertThat(splitter.split(page)).singleElement().satisfies(article -> assertThat(article.body())
                .isEqualTo(paragraph));
    }

    @Test
    void splitsFiveMegabytesOfPagesWithoutTrouble() {
        StringBuilder dump = new StringBuilder();
        int copies = 0;
        while (dump.length() < 5_000_000) {
            dump.append(SeedDumps.read(String.format("%03d", copies % 5))).append("\n\n\n");
            copies++;
        }

        List<ExtractedArticle> articles = splitter.split(dump.toString());

        assertThat(articles).hasSizeGreaterThan(copies);
    }

    @Test
    void splitsFiveMegabytesOfOneLineOrOfBlankLinesWithoutTrouble() {
        assertThat(splitter.split("x ".repeat(2_500_000))).hasSize(1);
        assertThat(splitter.split("\n".repeat(5_000_000))).isEmpty();
        assertThat(splitter.split("Oil Exports Rise\n\n".repeat(300_000))).isEmpty();
        assertThat(splitter.split("Oil Exports Rise\n".repeat(300_000))).isEmpty();
    }

    @Test
    void neverThrowsOnScrambledPages() {
        List<String> pieces = new ArrayList<>();
        SeedDumps.files()
                .forEach(file -> pieces.addAll(
                        SeedDumps.read(file.getFileName().toString().substring(0, 3))
                                .lines()
                                .toList()));
        pieces.addAll(
                List.of("", "", "TT", "7", "____", "= = =", "3 Comments", "\uD800", "\u0000", "\t", "(", ")", "\r"));
        Random random = new Random(20_250_301L);

        for (int page = 0; page < 300; page++) {
            StringBuilder dump = new StringBuilder();
            int lines = random.nextInt(200);
            for (int line = 0; line < lines; line++) {
                dump.append(pieces.get(random.nextInt(pieces.size())));
                dump.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
            }
            String text = dump.toString();

            assertThatCode(() -> splitter.split(text)).as(text).doesNotThrowAnyException();
            assertThat(splitter.split(text)).allSatisfy(article -> {
                assertThat(article.title()).isNotBlank();
                assertThat(article.body()).isNotBlank().isEqualTo(article.body().strip());
            });
        }
    }
}
