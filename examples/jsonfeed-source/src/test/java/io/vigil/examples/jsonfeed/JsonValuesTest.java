package io.vigil.examples.jsonfeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    @Test
    @SuppressWarnings("unchecked")
    void readsObjectsArraysStringsNumbersAndLiterals() {
        Object value = JsonValues.read(
                "{\"a\": [1, -2.5e1, true, false, null], \"b\": \"caf\\u00e9 \\\"x\\\"\\n\", \"c\": {}}");

        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> object = (Map<?, ?>) value;
        assertThat((List<Object>) object.get("a"))
                .containsExactly(new BigDecimal("1"), new BigDecimal("-2.5e1"), true, false, null);
        assertThat(object.get("b")).isEqualTo("café \"x\"\n");
        assertThat(object.get("c")).isEqualTo(Map.of());
    }

    @Test
    void namesThePositionOfAnError() {
        assertThatThrownBy(() -> JsonValues.read("{\"a\": 1,}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the document is not valid JSON at line 1 column 10");
        assertThatThrownBy(() -> JsonValues.read("[1] 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the document is not valid JSON at line 1 column");
    }

    @Test
    void refusesNestingDeepEnoughToExhaustTheStack() {
        char[] open = new char[10_000];
        Arrays.fill(open, '[');

        assertThatThrownBy(() -> JsonValues.read(new String(open)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the document is nested deeper than 64 levels");
    }
}
