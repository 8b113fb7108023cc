package io.vigil.engine.rule.regex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegexSizeTest {

    @Test
    void countsAtomsGroupsAndAlternatives() {
        assertThat(RegexSize.of("abc").size()).isEqualTo(3);
        assertThat(RegexSize.of("a|b").size()).isEqualTo(3);
        assertThat(RegexSize.of("(ab)*").size()).isEqualTo(4);
        assertThat(RegexSize.of("[a-z]\\p{Greek}\\x{263a}.").size()).isEqualTo(4);
        assertThat(RegexSize.of("\\Qa{9}\\E").size()).isEqualTo(4);
        assertThat(RegexSize.of("(?i)(?P<name>a)").size()).isEqualTo(2);
    }

    @Test
    void multipliesCountedRepetitionsAndTheirNesting() {
        assertThat(RegexSize.of("a{1000}").size()).isEqualTo(1000);
        assertThat(RegexSize.of("a{2,7}").size()).isEqualTo(7);
        assertThat(RegexSize.of("a{5,}").size()).isEqualTo(6);
        assertThat(RegexSize.of("(a{1000}){1000}").size()).isGreaterThanOrEqualTo(1_000_000);
        assertThat(RegexSize.of("((((a{1000}){1000}){1000}){1000}){1000}").size())
                .isEqualTo(RegexSize.CEILING);
        assertThat(RegexSize.of("x(a{10}").worstRepetition()).isEqualTo(3);
    }

    @Test
    void readsBracesThatOpenNoRepetitionAsLiterals() {
        assertThat(RegexSize.of("a{").size()).isEqualTo(2);
        assertThat(RegexSize.of("a{x}").size()).isEqualTo(4);
        assertThat(RegexSize.of("[{]{3}").size()).isEqualTo(3);
        assertThat(RegexSize.of("a\\{1000\\}").size()).isEqualTo(7);
        assertThat(RegexSize.of("a{99999999999999999999}").size()).isEqualTo(1_000_000);
    }
}
