package io.vigil.engine.watch;

import io.vigil.engine.rule.Features;
import io.vigil.spi.rule.FeatureKey;
import io.vigil.spi.rule.MatchInput;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stored derived features of articles ({@code article_feature}): written once per article for every
 * {@link FeatureKey} with a codec that some rule asked for, read back so previews and backtests do not recompute them.
 */
final class ArticleFeatures {

    private ArticleFeatures() {}

    /** The storable keys among those the rules read. */
    static List<FeatureKey<?>> storable(Collection<FeatureKey<?>> keys) {
        return keys.stream().filter(key -> key.codec() != null).toList();
    }

    /** Presets every stored value of these keys onto the articles (by id); answers how many values were found. */
    static int load(Connection connection, Map<Long, MatchInput> articles, Collection<FeatureKey<?>> keys)
            throws SQLException {
        Map<Long, Map<FeatureKey<?>, Object>> values = read(connection, articles.keySet(), keys);
        int found = 0;
        for (Map.Entry<Long, Map<FeatureKey<?>, Object>> entry : values.entrySet()) {
            found += preset(articles.get(entry.getKey()), entry.getValue());
        }
        return found;
    }

    /** The stored values of these keys for these articles, decoded, by article id. */
    static Map<Long, Map<FeatureKey<?>, Object>> read(
            Connection connection, Collection<Long> articleIds, Collection<FeatureKey<?>> keys) throws SQLException {
        List<FeatureKey<?>> stored = storable(keys);
        Map<Long, Map<FeatureKey<?>, Object>> values = new HashMap<>();
        if (articleIds.isEmpty() || stored.isEmpty()) {
            return values;
        }
        Map<String, FeatureKey<?>> byName = new HashMap<>();
        stored.forEach(key -> byName.put(key.name(), key));
        try (PreparedStatement statement = connection.prepareStatement(
                "select article_id, name, value from article_feature where article_id = any(?) and name = any(?)")) {
            Array ids = connection.createArrayOf("bigint", articleIds.toArray());
            Array names = connection.createArrayOf("text", byName.keySet().toArray());
            statement.setArray(1, ids);
            statement.setArray(2, names);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    FeatureKey<?> key = byName.get(rows.getString(2));
                    if (key != null) {
                        values.computeIfAbsent(rows.getLong(1), id -> new HashMap<>())
                                .put(key, key.codec().decode(rows.getBytes(3)));
                    }
                }
            }
        }
        return values;
    }

    /** Hands decoded values to an article; answers how many it took. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int preset(MatchInput article, Map<FeatureKey<?>, Object> values) {
        int taken = 0;
        if (article == null || values == null) {
            return taken;
        }
        for (Map.Entry<FeatureKey<?>, Object> value : values.entrySet()) {
            if (Features.preset(article, (FeatureKey) value.getKey(), value.getValue())) {
                taken++;
            }
        }
        return taken;
    }

    /** Stores the values of these keys that the article holds, keeping any stored before. */
    static void store(Connection connection, long articleId, MatchInput article, Set<FeatureKey<?>> keys)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "insert into article_feature (article_id, name, value) values (?, ?, ?) on conflict do nothing")) {
            int batched = 0;
            for (FeatureKey<?> key : storable(keys)) {
                if (!Features.has(article, key)) {
                    continue;
                }
                statement.setLong(1, articleId);
                statement.setString(2, key.name());
                statement.setBytes(3, encode(article, key));
                statement.addBatch();
                batched++;
            }
            if (batched > 0) {
                statement.executeBatch();
            }
        }
    }

    private static <T> byte[] encode(MatchInput article, FeatureKey<T> key) {
        return key.codec().encode(article.feature(key));
    }
}
