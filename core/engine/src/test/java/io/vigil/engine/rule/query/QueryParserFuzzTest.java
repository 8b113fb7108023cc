package io.vigil.engine.rule.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vigil.spi.rule.RuleSyntaxException;
import io.vigil.spi.testkit.FuzzTries;
import io.vigil.spi.testkit.Mutations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzzes the rule parser: whatever an analyst types, compiling it either works or fails with a
 * {@link RuleSyntaxException} that points inside the text — never another exception, never a long wait. Each try's
 * display name carries its seed ({@link FuzzTries} says how to replay one).
 */
class QueryParserFuzzTest {

    /** Rules as analysts write them (the documented forms), mutated below. */
    private static final List<String> RULES = List.of(
            "Iran drone OR missile",
            "(wall AND Iraq) OR (fence AND Syria)",
            "\"border wall\" NEAR/5 Mexico",
            "title:(strike OR attack) -Lebanon OR Syria",
            "cyber* ONEAR/3 =attack AND NOT \"test run\"",
            "US troops AND (Peshmerga OR Kurdish) NEAR/10 withdraw*",
            "Ukraine grain deal");

    private static final List<String> TOKENS = List.of(
            "(",
            ")",
            "\"",
            "*",
            "-",
            "=",
            ":",
            "NEAR/",
            "ONEAR/999999",
            "NEAR/0",
            " AND ",
            " OR ",
            " NOT ",
            "title:",
            "((((((((((((((((((((((((((((((((((",
            "))))",
            "\u0000",
            "\uFFFF",
            "\uD800",
            "é",
            "\u200B");

    private final QueryRuleTypeFactory rules = new QueryRuleTypeFactory();

    @TestFactory
    Stream<DynamicTest> mutatedRulesCompileOrFailWithASyntaxError() {
        return FuzzTries.of(300, random -> {
            String rule = RULES.get(random.nextInt(RULES.size()));
            compileOrRefuse(Mutations.apply(rule, Mutations.random(random, TOKENS)));
        });
    }

    @TestFactory
    Stream<DynamicTest> randomTextCompilesOrFailsWithASyntaxError() {
        return FuzzTries.of(300, random -> compileOrRefuse(ruleLikeText(random)));
    }

    private void compileOrRefuse(String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                rules.compile(text, Proximity.DEFAULT);
            } catch (RuleSyntaxException refused) {
                assertThat(refused.position()).isBetween(0, Math.max(text.length(), QueryParser.MAX_LENGTH));
                assertThat(refused.getMessage()).isNotBlank();
            }
        });
    }

    /** Up to 60 pieces joined by spaces: hostile tokens, words, and a few characters of any kind. */
    private static String ruleLikeText(Random random) {
        int count = random.nextInt(61);
        List<String> pieces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pieces.add(
                    switch (random.nextInt(3)) {
                        case 0 -> TOKENS.get(random.nextInt(TOKENS.size()));
                        case 1 -> word(random, random.nextInt(1, 13));
                        default -> Mutations.characters(random, 0, 4);
                    });
        }
        return String.join(" ", pieces);
    }

    private static String word(Random random, int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char letter = (char) ('a' + random.nextInt(26));
            word.append(random.nextBoolean() ? letter : Character.toUpperCase(letter));
        }
        return word.toString();
    }
}
