package io.vigil.spi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSpecTest {

    private static final ConfigSpec SPEC =
            ConfigSpec.of(ConfigField.of("url", "URL", FieldType.URL).asRequired());

    @Test
    void aMillionMadeUpSettingsGetARefusalOfAFewLines() {
        Map<String, String> input = new LinkedHashMap<>();
        input.put("url", "https://feeds.example.org/");
        for (int i = 0; i < 1_000_000; i++) {
            input.put("k" + i, "v");
        }

        InvalidConfigException refusal = catchThrowableOfType(InvalidConfigException.class, () -> SPEC.validate(input));

        assertThat(refusal.problems()).hasSize(ConfigSpec.MAX_UNKNOWN_NAMED + 1);
        assertThat(refusal.problems().get(0)).hasToString("k0: is not a known setting (known: url)");
        assertThat(refusal.problems().get(ConfigSpec.MAX_UNKNOWN_NAMED))
                .hasToString("k10: and 999990 more settings that are not known");
        assertThat(refusal.getMessage()).hasSizeLessThan(2_000);
    }

    @Test
    void anUnknownSettingIsNamedWithoutRepeatingAMegabyteOfIt() {
        String name = "x".repeat(1_000_000);

        InvalidConfigException refusal = catchThrowableOfType(
                InvalidConfigException.class, () -> SPEC.validate(Map.of("url", "https://a.example/", name, "v")));

        assertThat(refusal.problems()).singleElement().satisfies(problem -> assertThat(problem.field())
                .isEqualTo("x".repeat(ConfigSpec.MAX_NAME_SHOWN) + "…"));
    }

    @Test
    void aFewUnknownSettingsAreEachNamed() {
        InvalidConfigException refusal = catchThrowableOfType(
                InvalidConfigException.class, () -> SPEC.validate(Map.of("urll", "https://a.example/")));

        assertThat(refusal.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder("urll: is not a known setting (known: url)", "url: is required");
    }
}
