package io.vigil.engine.rule.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.TestArticles;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.Highlight;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleMatch;
import io.vigil.spi.rule.RuleSyntaxException;
import java.util.Map;
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
        assertThat(match("Israel -Lebanon", "", "Israel strikes the port of Hodeidah."))
                .isPresent();
        assertThat(match("Israel NOT Lebanon", "", "Israel strikes the port of Hodeidah."))
                .isPresent();
        assertThat(match("Israel NOT Lebanon", "", "Israel strikes the port, as it did in Lebanon."))
                .isEmpty();
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
    void aWildcardOnAWholeWordAlsoFindsTheWordsOtherForms() throws Exception {
        // violation* is written on a word whose ending the stemmer removes: 'violating' and 'violated' are the same
        // word.
        assertThat(match("violation*", "", "Israel accuses Hezbollah of violating the ceasefire."))
                .isPresent();
        assertThat(match("violation*", "", "Russia says Ukraine violated the energy ceasefire."))
                .isPresent();
        assertThat(match("=violation*", "", "Israel accuses Hezbollah of violating the ceasefire."))
                .isEmpty();
        // A prefix that is its own stem reaches only its letters, as before.
        assertThat(match("strike*", "", "A striking resemblance.")).isEmpty();
        assertThat(match("violation*", "", "A violent storm.")).isEmpty();
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
                        "The border was quiet. Farmers worked. Traders came. Rain fell.\n\n"
                                + "A new wall rose along the border. Nobody saw the wall.")
                .orElseThrow();

        assertThat(match.matchedTerms()).containsExactly("border", "wall");
        assertThat(match.highlights())
                .allSatisfy(highlight -> assertThat(highlight.start()).isGreaterThan(20));
    }

    @Test
    void offersAPostgresPrefilterThatEveryMatchSatisfies() throws Exception {
        // Each word is one OR-group of prefixes: the word's own and its expansions' (fortification finds a wall).
        assertThat(factory.compile("border fortification", Proximity.DEFAULT).postgresPrefilter())
                .hasValueSatisfying(query ->
                        assertThat(query).contains("'fortif':*", "'wall':*", "'border':*", "'frontier':*", ") & ("));
        assertThat(factory.compile("=border =fortification", Proximity.DEFAULT).postgresPrefilter())
                .as("a single letter news never writes before a hyphen ('b-order') sends no split")
                .contains("('fortif':*) & ('border':*)");
        assertThat(factory.compile("Syria OR Lebanon", Proximity.DEFAULT).postgresPrefilter())
                .hasValueSatisfying(query -> {
                    assertThat(topLevelGroups(query)).as("an OR is one group").isEqualTo(1);
                    assertThat(query)
                            .contains("'lebanes':*", "'lebanon':*", "'syria':*", "'syrian':*", "'damascus':*")
                            .as("a member of several words sends them all")
                            .contains("('bint':* & 'jbeil':*)");
                });
        assertThat(factory.compile("harbour", Proximity.DEFAULT).postgresPrefilter())
                .as("a British spelling is read as the American stem, and the prefilter still finds both")
                .hasValueSatisfying(query -> assertThat(query).contains("'harbor':*", "'harbour':*"));
        assertThat(factory.compile("-sport", Proximity.DEFAULT).postgresPrefilter())
                .isEmpty();
        assertThat(factory.compile("=fortify", Proximity.DEFAULT).postgresPrefilter())
                .contains("('fortif':*)");
        assertThat(factory.compile("=xray =tshirt", Proximity.DEFAULT).postgresPrefilter())
                .hasValueSatisfying(query -> assertThat(query).contains("('x' <-> 'ray':*)", "('t' <-> 'shirt':*)"));
        assertThat(factory.compile("=IED", Proximity.DEFAULT).postgresPrefilter())
                .as("an acronym in capitals is its lowercase lexeme or, written with dots, its letters in a row")
                .contains("('ied':* | ('i' <-> 'e' <-> 'd':*))");
        assertThat(factory.compile("=antiaircraft", Proximity.DEFAULT).postgresPrefilter())
                .as("a word Vigil also finds written with a hyphen is sent split where an uncommon word ends")
                .hasValueSatisfying(query -> assertThat(query)
                        .contains("'antiaircraft':*", "('anti' <-> 'aircraft':*)")
                        .doesNotContain("('a' <-> ", "('an' <-> "));
        assertThat(factory.compile("=email", Proximity.DEFAULT).postgresPrefilter())
                .hasValueSatisfying(query -> assertThat(query).contains("('e' <-> 'mail':*)"));
        assertThat(factory.compile("=MH17", Proximity.DEFAULT).postgresPrefilter())
                .as("a capitals key with digits is never written with dots")
                .contains("('mh17':*)");
    }

    @Test
    void aWideConceptsPrefilterAsksForEverySelectiveWordOfItsSeveralWordMembers() throws Exception {
        // strike's members include "artillery fire", "fire … rocket at" and "hit by … drone": "fire" or "hit" alone
        // would let most of the archive through.
        String query = factory.compile("(strike OR protest) -football", Proximity.DEFAULT)
                .postgresPrefilter()
                .orElseThrow();

        assertThat(query)
                .contains("'strike':*", "'protest':*", "'riot':*", "('rocket':* & 'fire':*)")
                .doesNotContain("| 'fire':* |", "| 'hit':* |", "| 'car':* |", "| 'into':* |", "| 'air':* |")
                .as("a word in most articles is not worth a prefix scan: 'by' of 'hit by … drone'")
                .doesNotContain("'by':*")
                .as("'car bomb' is implied by 'bomb'")
                .doesNotContain("'car':*");
        assertThat(topLevelGroups(query)).isEqualTo(1);
    }

    @Test
    void anOrOfConjunctionsAsksForBothWordsOfOneSide() throws Exception {
        assertThat(factory.compile("(=Blair AND =election) OR (=Brown AND =vote)", Proximity.DEFAULT)
                        .postgresPrefilter())
                .hasValueSatisfying(query -> assertThat(query)
                        .contains("('blair':* & ('elect':* | ", " & 'vote':*)")
                        .startsWith("((")
                        .endsWith("))"));
    }

    /** How many groups the query's top-level AND has. */
    private static int topLevelGroups(String query) {
        int depth = 0;
        int groups = 1;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '&' && depth == 0) {
                groups++;
            }
        }
        return groups;
    }

    @Test
    void aConceptFindsItsMembersAndTheAlertSaysWhichOne() throws Exception {
        RuleMatch match = match("armed group* kidnap*", "", "Gunmen abducted twelve farmers in Zamfara on Sunday.")
                .orElseThrow();

        assertThat(match.matchedTerms()).contains("armed group* \u2190 gunmen", "kidnap* \u2190 abduct*");
    }

    @Test
    void shootingAndStrikingDownAreNoAttack() throws Exception {
        assertThat(match("drone attack", "", "Parliament lets the army shoot down any unauthorised drones."))
                .isEmpty();
        assertThat(match("strike* Lebanon", "", "A court in Lebanon strikes down the new election law."))
                .isEmpty();
        assertThat(match("drone attack", "", "A man is wounded in a shooting after a drone lands."))
                .isPresent();
    }

    @Test
    void aWeaponFiredAtATargetIsAStrikeWithWordsBetween() throws Exception {
        RuleMatch launched = match("strike*", "", "The navy launches more than 30 cruise missiles at the port.")
                .orElseThrow();
        assertThat(launched.matchedTerms()).contains("strike* \u2190 launch \u2026 missile at");
        assertThat(match("attack*", "", "Militants fire three homemade rockets into the town overnight."))
                .isPresent();
        assertThat(match("strike*", "", "A cargo ship is hit by two anti-ship missiles off the coast."))
                .isPresent();
        // No target, or the weapon too far from its launch, or in another sentence: no strike.
        assertThat(match("strike*", "", "The army launches a new cruise missile in a test over the sea."))
                .isEmpty();
        assertThat(match("strike*", "", "The agency launches a long and costly inquiry into the missile at sea."))
                .isEmpty();
        assertThat(match("strike*", "", "The crew fired. Missiles at the base were moved."))
                .isEmpty();
    }

    @Test
    void airspaceIncludesDroneSightingsAndIncursions() throws Exception {
        assertThat(match("NATO airspace", "", "Aalborg airport in Denmark closes after a drone sighting."))
                .isPresent();
        assertThat(match("NATO airspace", "", "Lithuania reports new drone incursions from Belarus."))
                .isPresent();
        assertThat(match("NATO airspace", "", "A drone sighting closes the airport in Dubai."))
                .isEmpty();
    }

    @Test
    void aNamedGroupFindsTheClassWordItGoesByButNotTheClasssOtherGroups() throws Exception {
        assertThat(match("RSF attack*", "", "The paramilitary launches an attack on El Fasher."))
                .isPresent();
        assertThat(match(
                        "RSF attack*",
                        "",
                        "Militants launch an attack on an airport where Wagner Group forces are based."))
                .isEmpty();
        // The class word itself still finds every paramilitary it names.
        assertThat(match("paramilitary attack*", "", "Wagner Group fighters attack a convoy."))
                .isPresent();
    }

    @Test
    void aCountrysForcesIncludeItsCommandsByName() throws Exception {
        assertThat(match(
                        "US troops Syria",
                        "",
                        "Drones target the United States Special Operations Command base in Syria."))
                .isPresent();
    }

    @Test
    void conceptsCanBeSwitchedOffPerRuleAndPerTerm() throws Exception {
        MatchInput article = analyzer.analyze("", "A new wall rose along the border.", "Wire", "en");
        CompiledRule on = factory.compile("border fortification", PluginConfig.empty());
        CompiledRule off =
                factory.compile("border fortification", new PluginConfig(Map.of(QueryRuleTypeFactory.CONCEPTS, "off")));
        CompiledRule exact = factory.compile("border =fortification", PluginConfig.empty());

        assertThat(on.match(article)).isPresent();
        assertThat(off.match(article)).isEmpty();
        assertThat(exact.match(article)).isEmpty();
        assertThat(on.expandedReading())
                .hasValueSatisfying(reading -> assertThat(reading).contains("wall", "fence"));
        assertThat(off.expandedReading())
                .hasValueSatisfying(reading -> assertThat(reading).doesNotContain("wall"));
        assertThat(factory.configSpec().fields())
                .anySatisfy(field -> assertThat(field.name()).isEqualTo(QueryRuleTypeFactory.CONCEPTS));
    }

    @Test
    void hyphenatedAndRunTogetherSpellingsFindEachOther() throws Exception {
        assertThat(match("ceasefire", "", "The cease-fire held overnight.")).isPresent();
        assertThat(match("ceasefire", "", "The cease fire held overnight.")).isPresent();
        assertThat(match("e-mail", "", "The email was a fake.")).isPresent();
        assertThat(match("cyber attack*", "", "A cyberattack hit the ministry."))
                .isPresent();
        assertThat(match("defence", "", "The defense ministry said so.")).isPresent();
    }

    @Test
    void orInsideABareListIsOneOfItsMembers() throws Exception {
        assertThat(match("Iran drone OR missile", "", "Houthi missile hits a ship in the Red Sea."))
                .isEmpty();
        assertThat(match("Iran drone OR missile", "", "Iran tested a new missile on Monday."))
                .isPresent();
    }

    @Test
    void anAcronymInCapitalsIsTheOrganisationNotACurrencyOrTheWordItSpells() throws Exception {
        assertThat(match("AU", "", "The African Union suspended Mali.")).isPresent();
        assertThat(match("AU", "", "The AU summit opened in Addis Ababa.")).isPresent();
        assertThat(match("AU", "", "The deal is worth AU$1.9 million.")).isEmpty();
        assertThat(match("AU", "", "A virus called Bagle.AU spread fast.")).isEmpty();
        assertThat(match("IS attack*", "", "Islamic State fighters attacked a checkpoint."))
                .isPresent();
        assertThat(match("IS attack*", "", "The attack is over, police said.")).isEmpty();
    }

    private static String text(MatchInput article, Highlight highlight) {
        return article.field(highlight.field()).text().substring(highlight.start(), highlight.end());
    }
}
