package io.vigil.engine.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.engine.alert.AlertRaised;
import io.vigil.engine.ingest.ArticleStored;
import io.vigil.engine.rule.RuleHit;
import io.vigil.engine.rule.RuleMatcher;
import io.vigil.engine.rule.Snippet;
import io.vigil.engine.rule.Snippets;
import io.vigil.spi.rule.MatchInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Matches every newly stored article against the rule book and records each hit, inside the transaction that stores
 * the article: the match with its snippets ({@code article_match}), the alert of (rule, story) opened or joined
 * ({@code alert}, {@code alert_article}), then {@link AlertRaised} for delivery.
 *
 * <p>Runs synchronously on the ingesting thread. The article is analysed once and matched against all rules in one
 * pass; a failure to analyse or match is logged and leaves the article stored without matches, while a failure to
 * record a match fails the transaction, so an article is never stored with half its alerts.
 */
@ApplicationScoped
public class LiveMatching {

    private static final Logger LOG = Logger.getLogger(LiveMatching.class);

    /** Passages kept per match: enough for an alert, little enough for every ingest transaction. */
    static final int SNIPPETS_PER_MATCH = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RuleBook rules;

    @Inject
    EntityManager entityManager;

    @Inject
    Event<AlertRaised> alertRaised;

    @Inject
    MeterRegistry meters;

    void onArticleStored(@Observes ArticleStored stored) {
        RuleMatcher matcher = rules.matcher();
        if (matcher.size() == 0) {
            return;
        }
        Timer.Sample sample = Timer.start(meters);
        MatchInput article;
        List<RuleHit> hits;
        try {
            article = rules.analyzer().analyze(stored.title(), stored.body(), stored.sourceName(), stored.language());
            hits = matcher.match(article);
        } catch (RuntimeException e) {
            meters.counter("vigil.matching.failures").increment();
            LOG.errorf(
                    e,
                    "could not match article %d against the rules; it is stored without matches",
                    stored.articleId());
            return;
        } finally {
            sample.stop(meters.timer("vigil.matching.latency"));
        }
        for (RuleHit hit : hits) {
            record(stored, article, hit);
        }
    }

    private void record(ArticleStored stored, MatchInput article, RuleHit hit) {
        // Locks the rule against deletion until this transaction ends, and skips a rule deleted or disabled since the
        // snapshot was taken (its rows would otherwise fail the whole ingest transaction).
        List<?> live = entityManager
                .createNativeQuery("select id from rule where id = ?1 and enabled for key share")
                .setParameter(1, hit.ruleId())
                .getResultList();
        if (live.isEmpty()) {
            return;
        }
        List<Snippet> snippets = Snippets.of(article, hit.match().highlights(), SNIPPETS_PER_MATCH);
        int inserted = entityManager
                .createNativeQuery(
                        """
                        insert into article_match (rule_id, article_id, matched_terms, snippets)
                        values (?1, ?2, array(select jsonb_array_elements_text(cast(?3 as jsonb))), cast(?4 as jsonb))
                        on conflict (rule_id, article_id) do nothing
                        """)
                .setParameter(1, hit.ruleId())
                .setParameter(2, stored.articleId())
                .setParameter(3, termsJson(hit.match().matchedTerms()))
                .setParameter(4, StoredSnippets.toJson(snippets))
                .executeUpdate();
        if (inserted == 0) {
            return;
        }
        meters.counter("vigil.matches").increment();
        // One statement opens the alert or joins it, so two copies of a story matching at once share one alert.
        Object[] alert = (Object[]) entityManager
                .createNativeQuery(
                        """
                        insert into alert (rule_id, story_id, title, first_article_id)
                        values (?1, ?2, ?3, ?4)
                        on conflict (rule_id, story_id) do update
                            set article_count = alert.article_count + 1, updated_at = now()
                        returning id, (xmax = 0) as opened
                        """)
                .setParameter(1, hit.ruleId())
                .setParameter(2, stored.storyId())
                .setParameter(3, stored.title())
                .setParameter(4, stored.articleId())
                .getSingleResult();
        long alertId = ((Number) alert[0]).longValue();
        boolean opened = (Boolean) alert[1];
        entityManager
                .createNativeQuery(
                        "insert into alert_article (alert_id, article_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, alertId)
                .setParameter(2, stored.articleId())
                .executeUpdate();
        meters.counter("vigil.alerts", "outcome", opened ? "opened" : "joined").increment();
        alertRaised.fire(new AlertRaised(alertId, hit.ruleId(), stored.storyId(), stored.articleId(), opened, false));
    }

    private static String termsJson(List<String> terms) {
        try {
            return JSON.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }
}
