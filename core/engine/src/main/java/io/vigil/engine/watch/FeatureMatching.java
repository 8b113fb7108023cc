package io.vigil.engine.watch;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.engine.ingest.ArticleStored;
import io.vigil.engine.input.LoggedText;
import io.vigil.engine.rule.RuleHit;
import io.vigil.engine.rule.RuleMatcher;
import io.vigil.spi.rule.FeatureKey;
import io.vigil.spi.rule.MatchInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Matches a stored article against the rules that read costly derived features (semantic rules, {@link
 * io.vigil.spi.rule.CompiledRule#features()}), after the storing transaction committed: the features are computed
 * outside it (an embedding must not hold the article's locks), stored once ({@code article_feature}) for previews and
 * backtests, and the hits are recorded in a transaction of their own, the way {@link LiveMatching} records them.
 *
 * <p>Does nothing — computes nothing — while no enabled rule reads a feature. Runs on the thread that stored the
 * article, right after its commit; a failure is logged and leaves the article without those matches.
 */
@ApplicationScoped
public class FeatureMatching {

    private static final Logger LOG = Logger.getLogger(FeatureMatching.class);

    @Inject
    RuleBook rules;

    @Inject
    LiveMatching live;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    void onArticleStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArticleStored stored) {
        RuleMatcher matcher = rules.deferredMatcher();
        if (matcher.size() == 0) {
            return;
        }
        Timer.Sample sample = Timer.start(meters);
        try {
            MatchInput article =
                    rules.analyzer().analyze(stored.title(), stored.body(), stored.sourceName(), stored.language());
            Set<FeatureKey<?>> keys = new LinkedHashSet<>();
            matcher.rules().forEach(rule -> keys.addAll(rule.rule().features()));
            try (Connection connection = dataSource.getConnection()) {
                ArticleFeatures.load(connection, Map.of(stored.articleId(), article), keys);
            }
            List<RuleHit> hits = matcher.match(article);
            try (Connection connection = dataSource.getConnection()) {
                ArticleFeatures.store(connection, stored.articleId(), article, keys);
            }
            if (!hits.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> hits.forEach(hit -> live.record(stored, article, hit)));
            }
        } catch (SQLException | RuntimeException e) {
            meters.counter("vigil.matching.failures").increment();
            LOG.errorf(
                    LoggedText.thrown(e), "could not match article %d against the semantic rules", stored.articleId());
        } finally {
            sample.stop(meters.timer("vigil.matching.features.latency"));
        }
    }
}
