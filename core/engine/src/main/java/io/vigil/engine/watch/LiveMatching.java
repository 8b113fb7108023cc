package io.vigil.engine.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.engine.alert.AlertRaised;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.ingest.ArticleStored;
import io.vigil.engine.ingest.BeforeStoring;
import io.vigil.engine.input.LoggedText;
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
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Matches every new article against the rule book before its storing transaction opens ({@link BeforeStoring}), and
 * records each hit inside that transaction: the match with its snippets ({@code article_match}), the alert of (rule, story) opened or joined
 * ({@link Alerts#openOrJoin}), then {@link AlertRaised} for delivery.
 *
 * <p>Runs synchronously on the ingesting thread. The article is analysed once and matched against all rules in one
 * pass, outside the transaction, so the transaction holds its locks only while it writes; a failure to analyse or match is logged and leaves the article stored without matches, while a failure to
 * record a match fails the transaction, so an article is never stored with half its alerts.
 */
@ApplicationScoped
public class LiveMatching implements BeforeStoring {

    private static final Logger LOG = Logger.getLogger(LiveMatching.class);

    /** Passages kept per match: enough for an alert, little enough for every ingest transaction. */
    static final int SNIPPETS_PER_MATCH = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RuleBook rules;

    @Inject
    EntityManager entityManager;

    @Inject
    Alerts alerts;

    @Inject
    Event<AlertRaised> alertRaised;

    @Inject
    MeterRegistry meters;

    /** One rule's hit on an article, with the passages to store: everything recording it needs. */
    record Hit(long ruleId, List<String> matchedTerms, List<Snippet> snippets, Double score) {}

    /** What matching an article before its storing transaction found. */
    record Hits(List<Hit> hits) {}

    /** Analyses the article and matches it against every rule, before its storing transaction opens. */
    @Override
    public Object prepare(Draft draft) {
        return match(draft.title(), draft.body(), draft.sourceName(), draft.language());
    }

    private Hits match(String title, String body, String sourceName, String language) {
        RuleMatcher matcher = rules.matcher();
        if (matcher.size() == 0) {
            return new Hits(List.of());
        }
        Timer.Sample sample = Timer.start(meters);
        try {
            MatchInput article = rules.analyzer().analyze(title, body, sourceName, language);
            List<Hit> hits = new ArrayList<>();
            for (RuleHit hit : matcher.match(article)) {
                hits.add(hitOf(article, hit));
            }
            return new Hits(hits);
        } catch (RuntimeException e) {
            meters.counter("vigil.matching.failures").increment();
            LOG.errorf(
                    LoggedText.thrown(e),
                    "could not match article '%s' against the rules; it is stored without matches",
                    LoggedText.of(title));
            return new Hits(List.of());
        } finally {
            sample.stop(meters.timer("vigil.matching.latency"));
        }
    }

    void onArticleStored(@Observes ArticleStored stored) {
        Hits hits = stored.prepared(Hits.class)
                .orElseGet(() -> match(stored.title(), stored.body(), stored.sourceName(), stored.language()));
        for (Hit hit : hits.hits()) {
            record(stored, hit);
        }
    }

    /** Records a hit found after the storing transaction (a feature computed later): as {@link #record(ArticleStored, Hit)}. */
    void record(ArticleStored stored, MatchInput article, RuleHit hit) {
        record(stored, hitOf(article, hit));
    }

    private static Hit hitOf(MatchInput article, RuleHit hit) {
        return new Hit(
                hit.ruleId(),
                hit.match().matchedTerms(),
                Snippets.of(article, hit.match().highlights(), SNIPPETS_PER_MATCH),
                hit.match().score());
    }

    /** Records one hit in the current transaction: the match, its alert, and {@link AlertRaised} for delivery. */
    private void record(ArticleStored stored, Hit hit) {
        // One statement: it locks the rule against deletion until this transaction ends and inserts nothing for a
        // rule deleted or disabled since the snapshot was taken (its rows would otherwise fail the whole ingest
        // transaction), so a hit costs one round trip less than a separate lock.
        int inserted = entityManager
                .createNativeQuery(
                        """
                        insert into article_match (rule_id, article_id, matched_terms, snippets, score)
                        select r.id, ?2, array(select jsonb_array_elements_text(cast(?3 as jsonb))), cast(?4 as jsonb),
                               cast(nullif(?5, '') as real)
                        from rule r where r.id = ?1 and r.enabled for key share of r
                        on conflict (rule_id, article_id) do nothing
                        """)
                .setParameter(1, hit.ruleId())
                .setParameter(2, stored.articleId())
                .setParameter(3, termsJson(hit.matchedTerms()))
                .setParameter(4, StoredSnippets.toJson(hit.snippets()))
                .setParameter(5, hit.score() == null ? "" : hit.score().toString())
                .executeUpdate();
        if (inserted == 0) {
            return;
        }
        meters.counter("vigil.matches").increment();
        Alerts.Matched alert = alerts.openOrJoin(hit.ruleId(), stored.storyId(), stored.title(), stored.articleId());
        long alertId = alert.alertId();
        boolean opened = alert.opened();
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
