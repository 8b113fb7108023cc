package io.vigil.engine.rule.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.TestArticles;
import io.vigil.spi.rule.Highlight;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleMatch;
import io.vigil.spi.rule.RuleSyntaxException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryRuleTest {

    private final QueryRuleTypeFactory factory = new QueryRuleTypeFactory();
    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();

    private boolean matches(String rule, String articleId) throws RuleSyntaxException {
        return factory.compile(rule, Proximity.DEFAULT)
                .match(TestArticles.load(articleId))
                .isPresent();
    }

    private Optional<RuleMatch> match(String rule, String title, String body) throws RuleSyntaxException {
        return factory.compile(rule, Proximity.DEFAULT).match(analyzer.analyze(title, body, "Test Wire", "en"));
    }

    @Test
    void borderFortificationFindsTheThreeBorderArticles() throws Exception {
        assertThat(matches("border fortification", "iraq-fortifies-border")).isTrue();
        assertThat(matches("border fortification", "iraq-reinforcing-border")).isTrue();
        assertThat(matches("border fortification", "iraq-crisis-cell")).isTrue();
    }

    @Test
    void borderFortificationSkipsLebanonAndTheOldCityWhoseWordsAreParagraphsApart() throws Exception {
        assertThat(matches("border fortification", "israel-lebanon-normalization"))
                .isFalse();
        assertThat(matches("border fortification", "old-city-fortifications")).isFalse();
    }

    @Test
    void usForcesIraqFindsTheCallToRemoveUsForcesFromIraqiTerritory() throws Exception {
        Optional<RuleMatch> match =
                factory.compile("US forces Iraq", Proximity.DEFAULT).match(TestArticles.load("iraqi-army-border"));

        assertThat(match).isPresent();
        MatchInput article = TestArticles.load("iraqi-army-border");
        assertThat(match.get().highlights())
                .extracting(highlight -> text(article, highlight))
                .contains("US", "forces", "Iraqi");
    }

    @Test
    void usForcesIraqSkipsLavrovAndThePronounUs() throws Exception {
        assertThat(matches("US forces Iraq", "lavrov-damascus")).isFalse();
        assertThat(matches("US forces Iraq", "basra-governor-floods")).isFalse();
        assertThat(matches("US forces Iraq", "exporters-let-us-sell")).isFalse();
    }

    @Test
    void usFindsDottedAcronymsAndTheSpelledOutName() throws Exception {
        assertThat(match("US", "", "The U.S. embassy said so.")).isPresent();
        assertThat(match("US", "", "The United States embassy said so.")).isPresent();
        assertThat(match("US", "", "Tell us more.")).isEmpty();
        assertThat(match("us", "", "Tell us more.")).isPresent();
        assertThat(match("~US", "", "TELL US MORE")).isPresent();
    }

    @Test
    void wordFormsAndNationalitiesMatchEachOther() throws Exception {
        assertThat(match("fortification", "Poland to fortify its frontier", "")).isPresent();
        assertThat(match("Iraq", "", "Iraqi officials met.")).isPresent();
        assertThat(match("Syrian", "", "Talks in Syria resumed.")).isPresent();
        assertThat(match("Turkey", "", "Imports from Türkiye rose.")).isPresent();
    }

    @Test
    void phrasesMatchExactWordsInOrder() throws Exception {
        assertThat(match("\"border points\"", "", "the disputed border points")).isPresent();
        assertThat(match("\"border points\"", "", "points on the border")).isEmpty();
        assertThat(match("\"border point\"", "", "the disputed border points")).isEmpty();
    }

    @Test
    void explicitAndLooksAcrossTheWholeArticle() throws Exception {
        assertThat(matches("US forces Iraq", "arab-summit-long")).isFalse();
        assertThat(matches("US AND forces AND Iraq", "arab-summit-long")).isTrue();
    }

    @Test
    void nearCountsWordsEitherWayAndOnearOnlyForward() throws Exception {
        assertThat(match("wall NEAR/2 border", "", "the border wall")).isPresent();
        assertThat(match("wall NEAR/2 border", "", "a wall along the long border"))
                .isEmpty();
        assertThat(match("border ONEAR/1 wall", "", "the border wall")).isPresent();
        assertThat(match("wall ONEAR/1 border", "", "the border wall")).isEmpty();
    }

    @Test
    void nearDoesNotReachAcrossParagraphs() throws Exception {
        assertThat(match("wall NEAR/3 border", "", "They built a wall.\n\nThe border stayed open."))
                .isEmpty();
    }

    @Test
    void negationExcludesArticlesMentioningTheWordAnywhere() throws Exception {
        assertThat(matches("Israel -Lebanon", "israel-yemen-ports")).isFalse();
        assertThat(matches("Israel -Lebanon", "iraq-reinforcing-border")).isTrue();
        assertThat(matches("Israel NOT Lebanon", "iraq-reinforcing-border")).isTrue();
    }

    @Test
    void fieldScopesRestrictTheSearch() throws Exception {
        assertThat(matches("title:Israel", "israel-yemen-ports")).isTrue();
        assertThat(matches("title:Israel", "iraqi-foreign-minister")).isFalse();
        assertThat(match("source:\"test wire\" border", "", "border")).isPresent();
        assertThat(match("source:reuters border", "", "border")).isEmpty();
    }

    @Test
    void wildcardsMatchWordPrefixes() throws Exception {
        assertThat(matches("Houthi*", "israel-yemen-ports")).isTrue();
        assertThat(match("fortif*", "", "Fortresses and fortifications")).isPresent();
    }

    @Test
    void arabicAndAccentedRulesMatchTheirArticles() throws Exception {
        assertThat(matches("العراق", "arabic-iraq-border")).isTrue();
        assertThat(matches("\"sao paulo\" cafe", "sao-paulo-cafes")).isTrue();
    }

    @Test
    void highlightsOnlyTheOccurrencesInsideTheMatchingPassage() throws Exception {
        RuleMatch match = match(
                        "border wall",
                        "",
                        "The border was quiet.\n\nA new wall rose along the border. Nobody saw the wall.")
                .orElseThrow();

        assertThat(match.matchedTerms()).containsExactly("border", "wall");
        assertThat(match.highlights())
                .allSatisfy(highlight -> assertThat(highlight.start()).isGreaterThan(20));
    }

    @Test
    void offersAPostgresPrefilterThatEveryMatchSatisfies() throws Exception {
        assertThat(factory.compile("border fortification", Proximity.DEFAULT).postgresPrefilter())
                .contains("('fortif':*) & ('border':*)");
        assertThat(factory.compile("Syria OR Lebanon", Proximity.DEFAULT).postgresPrefilter())
                .contains("('lebanes':* | 'lebanon':* | 'syria':* | 'syrian':*)");
        assertThat(factory.compile("-sport", Proximity.DEFAULT).postgresPrefilter())
                .isEmpty();
        assertThat(factory.compile("fortify", Proximity.DEFAULT).postgresPrefilter())
                .contains("('fortif':*)");
    }

    private static String text(MatchInput article, Highlight highlight) {
        return article.field(highlight.field()).text().substring(highlight.start(), highlight.end());
    }
}
