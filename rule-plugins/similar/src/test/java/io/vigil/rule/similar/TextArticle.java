package io.vigil.rule.similar;

import io.vigil.spi.rule.AnalyzedField;
import io.vigil.spi.rule.FeatureKey;
import io.vigil.spi.rule.MatchInput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An article as a rule type sees it, with features computed once like the host does; tokens are not needed here. */
record TextArticle(String title, String body, Map<String, Object> computed) implements MatchInput {

    TextArticle(String title, String body) {
        this(title, body, new HashMap<>());
    }

    @Override
    public String source() {
        return "Test Wire";
    }

    @Override
    public Optional<String> language() {
        return Optional.of("en");
    }

    @Override
    public AnalyzedField field(String name) {
        return new AnalyzedField(name, name.equals(TITLE) ? title : body, List.of());
    }

    @Override
    public synchronized <T> T feature(FeatureKey<T> key) {
        return key.type()
                .cast(computed.computeIfAbsent(key.name(), name -> key.compute().apply(this)));
    }
}
