package io.vigil.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The splitter on the five real page dumps the project started from. */
class PageDumpSplitterSeedTest {

    private static final PageDumpSplitter SPLITTER = new PageDumpSplitter();

    private static Map<String, ExtractedArticle> articlesByTitle() {
        return SeedDumps.splitAll().stream()
                .collect(Collectors.toMap(
                        ExtractedArticle::title, Function.identity(), (first, second) -> first, LinkedHashMap::new));
    }

    private static List<String> paragraphs(ExtractedArticle article) {
        return Arrays.asList(article.body().split("\n\n"));
    }

    @Test
    void splitsTheFiveSeedsIntoEightDistinctArticles() {
        assertThat(articlesByTitle().keySet())
                .containsExactly(
                        "Iraqi Army Tightens Security on Border with Syria",
                        "Israel Shocks Lebanon with Plan to Link Withdrawal to Normalization",
                        "Iraq Fortifies 80% of Its Border with Syria",
                        "Lavrov: Moscow Maintains Communication with Damascus, Will Not Withdraw from the Region",
                        "Fearing An Invasion By Terrorists, Iraq Is Reinforcing Its Border With Syria",
                        "Iraq Forms Security Crisis Cell to Coordinate with Syria",
                        "Iraqi Foreign Minister: We Are Not Part of the \u2018Axis of Resistance\u2019",
                        "Israel Attacks Yemeni Ports, Warns That Houthi Leader Is a Target");
    }

    @Test
    void yieldsTheArticleCarriedByTwoPagesOncePerPage() {
        assertThat(SPLITTER.split(SeedDumps.read("003"))).hasSize(2);
        assertThat(SPLITTER.split(SeedDumps.read("004"))).hasSize(2);
        assertThat(SeedDumps.splitAll()).hasSize(9);
        assertThat(SPLITTER.split(SeedDumps.read("003")).getFirst())
                .isEqualTo(SPLITTER.split(SeedDumps.read("004")).getFirst());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Iraqi Army Tightens Security on Border with Syria | 15 | The Iraqi army forces escalated security measures | Moussawi pointed out that the US presence
            Israel Shocks Lebanon with Plan to Link Withdrawal to Normalization | 15 | Lebanon\u2019s government and public were caught off guard | According to the Lebanese presidency, Aoun urged
            Iraq Fortifies 80% of Its Border with Syria | 10 | Major General Yahya Rasool, the spokesperson | This prompts Iraqi forces to launch large-scale
            Lavrov: Moscow Maintains Communication with Damascus, Will Not Withdraw from the Region | 16 | Russian Foreign Minister Sergei Lavrov reaffirmed | According to the English-language edition of RT
            Fearing An Invasion By Terrorists, Iraq Is Reinforcing Its Border With Syria | 19 | Iraqi government forces have taken serious measures | The Syrian president has already failed to stop
            Iraq Forms Security Crisis Cell to Coordinate with Syria | 14 | Iraq has established a \u201Csecurity crisis cell\u201D | In response, Iraqi authorities have intensified
            Iraqi Foreign Minister: We Are Not Part of the \u2018Axis of Resistance\u2019 | 11 | A day after Iranian Supreme Leader Ali Khamenei | \u201CSuch a development would have catastrophic
            Israel Attacks Yemeni Ports, Warns That Houthi Leader Is a Target | 9 | Israel struck Yemen's Red Sea ports of Hodeidah | Since the start of the Israel-Hamas war in October 2023
            """)
    void startsEachBodyAtItsLedeAndEndsAtItsLastParagraph(
            String title, int paragraphCount, String ledeOpening, String lastParagraphOpening) {
        ExtractedArticle article = articlesByTitle().get(title);

        assertThat(article).as(title).isNotNull();
        assertThat(paragraphs(article)).hasSize(paragraphCount);
        assertThat(paragraphs(article).getFirst()).startsWith(ledeOpening);
        assertThat(paragraphs(article).getLast()).startsWith(lastParagraphOpening);
    }

    @Test
    void dropsTheCaptionThatAppearsOnlyOnceInTheThirdSeed() {
        ExtractedArticle article = SPLITTER.split(SeedDumps.read("002")).getFirst();

        assertThat(article.body()).doesNotContain("Illustrative image");
        assertThat(article.body()).startsWith("Iraqi government forces have taken serious measures");
    }

    @Test
    void keepsNoCaptionFurnitureFooterOrCommentInAnyBody() {
        for (ExtractedArticle article : SeedDumps.splitAll()) {
            assertThat(article.body())
                    .as(article.title())
                    .doesNotContain("(AFP)", "REUTERS/", "(Reuters)", "(Security media)", "(Reuters file)")
                    .doesNotContain("Illustrative image", "___", "SouthFront", "SOUTHFRONT", "MORE ON THIS TOPIC")
                    .doesNotContain("Subscribe", "Notify of", "Comments", "Inline Feedbacks", "Newest Most Voted")
                    .doesNotContain("La Inquisici", "JamL", "Miroslav", "caliphate", "\u00A0");
            assertThat(paragraphs(article))
                    .as(article.title())
                    .doesNotContain("TT", "20", "guest", "Oldest", "hash", "hashed", article.title())
                    .allSatisfy(paragraph ->
                            assertThat(paragraph).isEqualTo(paragraph.strip()).isNotEmpty());
        }
    }

    @Test
    void holdsEveryParagraphOnce() {
        for (ExtractedArticle article : SeedDumps.splitAll()) {
            assertThat(paragraphs(article)).as(article.title()).doesNotHaveDuplicates();
        }
    }

    @Test
    void keepsTheBodyTrimmedWithParagraphsSeparatedByOneBlankLine() {
        for (ExtractedArticle article : SeedDumps.splitAll()) {
            assertThat(article.body()).isEqualTo(article.body().strip()).doesNotContain("\n\n\n", "\r");
        }
    }
}
