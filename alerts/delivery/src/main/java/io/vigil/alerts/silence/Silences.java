package io.vigil.alerts.silence;

import io.vigil.engine.input.TextLimits;
import io.vigil.engine.limits.CreationLimits;
import io.vigil.engine.limits.Limit;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleSyntaxException;
import io.vigil.spi.rule.RuleTypeFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Decides whether a silence mutes a new alert, and creates and lifts silences.
 *
 * <p>Query silences are compiled with the {@code query} rule type — the same language and semantics as watch rules —
 * and cached by their text; the article is analysed only when a query silence is active. Thread-safe.
 */
@ApplicationScoped
public class Silences {

    static final String QUERY_TYPE = "query";

    @Inject
    CreationLimits limits;

    @Inject
    PluginRegistry plugins;

    @Inject
    EntityManager entityManager;

    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();
    private final Map<String, CompiledRule> compiled = new ConcurrentHashMap<>();

    /**
     * What a user asks a silence to be.
     *
     * @param ruleId the rule to mute, or {@code null}
     * @param query a query whose matching articles are muted, or {@code null}
     * @param until when the silence ends
     * @param comment why, for the team
     */
    public record SilenceDefinition(Long ruleId, String query, Instant until, String comment) {}

    /** The article a new alert is about, as a silence query reads it. */
    public record SilencedArticle(String title, String body, String source, String language) {}

    /**
     * Whether an active silence mutes an alert of {@code ruleId} about the stored article {@code articleId}. Runs
     * inside the caller's transaction; the article is read only when a query silence needs it.
     */
    public boolean mutes(long ruleId, long articleId, Instant now) {
        return inForce(ruleId, now).mutes(articleId);
    }

    /**
     * The silences in force for {@code ruleId} at {@code now}, read once, for checking many alerts of that rule (a
     * digest). Valid inside the caller's transaction.
     */
    public InForce inForce(long ruleId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        "select rule_id, query from silence where until > ?1 and (rule_id is null or rule_id = ?2)")
                .setParameter(1, now)
                .setParameter(2, ruleId)
                .getResultList();
        boolean wholeRule = false;
        List<CompiledRule> queries = new ArrayList<>();
        for (Object[] row : rows) {
            String query = (String) row[1];
            if (query == null) {
                wholeRule = true;
            } else {
                CompiledRule rule = compiledOrNull(query);
                if (rule != null) {
                    queries.add(rule);
                }
            }
        }
        return new InForce(wholeRule, List.copyOf(queries));
    }

    /** The silences in force for one rule: the whole rule muted, or the queries whose matching articles are. */
    public final class InForce {
        private final boolean wholeRule;
        private final List<CompiledRule> queries;

        private InForce(boolean wholeRule, List<CompiledRule> queries) {
            this.wholeRule = wholeRule;
            this.queries = queries;
        }

        /** Whether these silences mute an alert about this article; the article is read only for a query. */
        public boolean mutes(Supplier<SilencedArticle> article) {
            if (wholeRule) {
                return true;
            }
            if (queries.isEmpty()) {
                return false;
            }
            SilencedArticle text = article.get();
            MatchInput input = analyzer.analyze(text.title(), text.body(), text.source(), text.language());
            return queries.stream().anyMatch(rule -> rule.match(input).isPresent());
        }

        /** Whether these silences mute an alert about the stored article {@code articleId}. */
        public boolean mutes(long articleId) {
            return mutes(() -> storedArticle(articleId));
        }
    }

    private SilencedArticle storedArticle(long articleId) {
        Object[] row = (Object[]) entityManager
                .createNativeQuery("select title, body, source_name, language from article where id = ?1")
                .setParameter(1, articleId)
                .getSingleResult();
        return new SilencedArticle((String) row[0], (String) row[1], (String) row[2], (String) row[3]);
    }

    /**
     * Saves a silence.
     *
     * @param createdBy the user making it, counted against their share of the cap; {@code null} records nobody
     * @throws InvalidSilenceException naming the field at fault; a query that does not compile carries its position
     */
    @Transactional
    public Silence create(SilenceDefinition definition, Long createdBy, Instant now) {
        if (definition.ruleId() == null
                && (definition.query() == null || definition.query().isBlank())) {
            throw new InvalidSilenceException("ruleId", "a silence needs a ruleId, a query, or both", null);
        }
        TextLimits.excess("comment", definition.comment(), TextLimits.COMMENT).ifPresent(tooLong -> {
            throw new InvalidSilenceException("comment", tooLong, null);
        });
        if (definition.until() == null) {
            throw new InvalidSilenceException("until", "until is required (an ISO-8601 time)", null);
        }
        if (!definition.until().isAfter(now)) {
            throw new InvalidSilenceException("until", "until must be in the future", null);
        }
        Duration longest = limits.settings().silenceMax();
        if (definition.until().isAfter(now.plus(longest))) {
            throw new InvalidSilenceException(
                    "until",
                    "until may be at most " + spoken(longest) + " ahead (vigil.limits.silence-max); to mute a rule"
                            + " for longer, disable it",
                    null);
        }
        if (definition.ruleId() != null) {
            Number rules = (Number) entityManager
                    .createNativeQuery("select count(*) from rule where id = ?1")
                    .setParameter(1, definition.ruleId())
                    .getSingleResult();
            if (rules.longValue() == 0) {
                throw new InvalidSilenceException("ruleId", "there is no rule " + definition.ruleId(), null);
            }
        }
        String query = definition.query() == null || definition.query().isBlank()
                ? null
                : definition.query().strip();
        if (query != null) {
            try {
                compile(query);
            } catch (RuleSyntaxException e) {
                throw new InvalidSilenceException("query", e.getMessage(), e.position());
            }
        }
        limits.admitOneFor(Limit.SILENCES, createdBy);
        Silence silence = new Silence();
        silence.createdBy = createdBy;
        silence.ruleId = definition.ruleId();
        silence.query = query;
        silence.until = definition.until();
        silence.comment =
                definition.comment() == null ? "" : definition.comment().strip();
        silence.createdAt = now;
        silence.persist();
        return silence;
    }

    /** A duration as a person says it: {@code 90 days}, {@code 12 hours}, else ISO-8601. */
    static String spoken(Duration duration) {
        if (duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return duration.toDays() == 1 ? "1 day" : duration.toDays() + " days";
        }
        if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
            return duration.toHours() == 1 ? "1 hour" : duration.toHours() + " hours";
        }
        return duration.toString();
    }

    @Transactional
    public boolean delete(long id) {
        return Silence.deleteById(id);
    }

    private CompiledRule compiledOrNull(String query) {
        try {
            return compile(query);
        } catch (RuleSyntaxException e) {
            // Saved silences were compiled when created; one the query language no longer reads mutes nothing.
            return null;
        }
    }

    private CompiledRule compile(String query) throws RuleSyntaxException {
        CompiledRule cached = compiled.get(query);
        if (cached != null) {
            return cached;
        }
        RuleTypeFactory factory = plugins.ruleTypeFactory(QUERY_TYPE)
                .orElseThrow(() -> new IllegalStateException("the built-in query rule type is not installed"));
        CompiledRule rule = factory.compile(query, PluginConfig.empty());
        compiled.put(query, rule);
        return rule;
    }
}
