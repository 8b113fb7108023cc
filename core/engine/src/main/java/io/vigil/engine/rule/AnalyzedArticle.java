package io.vigil.engine.rule;

import io.vigil.spi.rule.AnalyzedField;
import io.vigil.spi.rule.FeatureKey;
import io.vigil.spi.rule.MatchInput;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * An analysed article as {@link ArticleAnalyzer} produces it; computes each {@link FeatureKey feature} once, on first
 * request, however many rules and threads ask.
 */
final class AnalyzedArticle implements MatchInput {

    /** The outlet name, analysed like text so {@code source:} scopes can match it; not one of {@link #fieldNames()}. */
    static final String SOURCE = "source";

    private final String title;
    private final String body;
    private final String source;
    private final String language;
    private final AnalyzedField titleField;
    private final AnalyzedField bodyField;
    private final AnalyzedField sourceField;
    private final ConcurrentHashMap<String, FutureTask<Object>> features = new ConcurrentHashMap<>();

    AnalyzedArticle(
            String title,
            String body,
            String source,
            String language,
            AnalyzedField titleField,
            AnalyzedField bodyField,
            AnalyzedField sourceField) {
        this.title = title;
        this.body = body;
        this.source = source;
        this.language = language;
        this.titleField = titleField;
        this.bodyField = bodyField;
        this.sourceField = sourceField;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String body() {
        return body;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Optional<String> language() {
        return Optional.ofNullable(language);
    }

    @Override
    public AnalyzedField field(String name) {
        return switch (name) {
            case TITLE -> titleField;
            case BODY -> bodyField;
            case SOURCE -> sourceField;
            default -> throw new IllegalArgumentException("no field '" + name + "'; fields are title, body, source");
        };
    }

    @Override
    public <T> T feature(FeatureKey<T> key) {
        Objects.requireNonNull(key, "key is null");
        FutureTask<Object> task = features.get(key.name());
        if (task == null) {
            FutureTask<Object> created = new FutureTask<>(() -> key.compute().apply(this));
            task = features.putIfAbsent(key.name(), created);
            if (task == null) {
                task = created;
                // The thread that registered the task computes it; others wait on get() instead of computing twice.
                created.run();
            }
        }
        try {
            return key.type().cast(task.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing feature " + key.name(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("feature " + key.name() + " failed", e.getCause());
        }
    }

    /** Takes a value read from storage, unless the feature was computed already. */
    void preset(String name, Object value) {
        FutureTask<Object> done = new FutureTask<>(() -> value);
        done.run();
        features.putIfAbsent(name, done);
    }

    /** Whether the feature was computed or preset for this article. */
    boolean has(String name) {
        return features.containsKey(name);
    }

    @Override
    public String toString() {
        return "AnalyzedArticle[" + title + "]";
    }
}
