package io.vigil.engine.watch;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.vigil.engine.archive.ArchiveMigrations;
import io.vigil.engine.archive.ArchiveReady;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.RegisteredRule;
import io.vigil.engine.rule.RuleMatcher;
import io.vigil.spi.PluginKind;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.RuleSyntaxException;
import io.vigil.spi.rule.RuleTypeFactory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The enabled rules, compiled once into an immutable {@link RuleMatcher} snapshot that every new article is matched
 * against; the snapshot is replaced atomically whenever the rules change.
 *
 * <p>Lifecycle: loaded when the archive is ready (or by the first article that asks earlier); patched right after a
 * change made on this instance commits ({@link RuleChanged}); and re-synchronised every
 * {@code vigil.rules.recheck-every} when a cheap stamp of the {@code rule} table (row count, id sum, latest
 * {@code updated_at}) shows that another instance sharing the database changed it — only rules whose version moved are
 * recompiled then. A rule whose type is not installed or that does not compile is skipped and logged, never fatal.
 *
 * <p>Thread-safe: readers take the current snapshot without locking; changes are serialised.
 */
@ApplicationScoped
public class RuleBook {

    private static final Logger LOG = Logger.getLogger(RuleBook.class);

    private static final String STAMP_SQL = "select count(*), coalesce(sum(id), 0), max(updated_at) from rule";
    private static final String RULE_COLUMNS = "select id, type, query, updated_at from rule";

    // Stateless; the built-in query type (BuiltinRulesPlugin) parses rules with an analyser configured the same way,
    // so rule words and article words are normalised and stemmed alike.
    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();
    private final ReentrantLock changes = new ReentrantLock();
    private volatile Book book;

    @Inject
    PluginRegistry plugins;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ArchiveMigrations archive;

    @Inject
    MeterRegistry meters;

    /** A compiled rule under the version it was compiled from; {@code rule} is null when it was skipped. */
    private record Entry(Instant version, RegisteredRule rule) {}

    /** What the rule table looked like; when it changes, something changed. */
    private record Stamp(long count, long idSum, Instant latest) {}

    private record Book(RuleMatcher matcher, Map<Long, Entry> entries, Stamp stamp) {}

    @PostConstruct
    void registerGauge() {
        Gauge.builder("vigil.rules.active", this, rules -> {
                    Book current = rules.book;
                    return current == null ? 0 : current.matcher().size();
                })
                .description("enabled rules compiled into the live matcher")
                .register(meters);
    }

    void onArchiveReady(@Observes ArchiveReady ready) {
        synchronize();
    }

    /** Applies a committed change of one rule on this instance at once, before the next article. */
    void onRuleChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RuleChanged changed) {
        try {
            refresh(changed.ruleId());
        } catch (RuntimeException e) {
            LOG.errorf("could not apply the change of rule %d now; the next re-check will: %s", changed.ruleId(), e);
        }
    }

    @Scheduled(
            every = "${vigil.rules.recheck-every:5s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recheck() {
        if (!archive.isReady()) {
            return;
        }
        Book current = book;
        try (Connection connection = dataSource.getConnection()) {
            if (current == null || !stamp(connection).equals(current.stamp())) {
                synchronize();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not re-check the rules: %s", e.getMessage());
        }
    }

    /** The current snapshot of the enabled rules; loads them first if nothing has yet. */
    public RuleMatcher matcher() {
        Book current = book;
        return current != null ? current.matcher() : synchronize().matcher();
    }

    /** The analyser articles are read with before matching, live and in previews. */
    public ArticleAnalyzer analyzer() {
        return analyzer;
    }

    /**
     * Compiles an expression with its type's factory, as the rule book would.
     *
     * @throws InvalidRuleException when the type is not installed (field {@code type}) or the expression does not
     *     compile (field {@code query}, with the position of a syntax error)
     */
    public CompiledRule compile(String type, String query) {
        RuleTypeFactory factory = plugins.ruleTypeFactory(type)
                .orElseThrow(() -> new InvalidRuleException(
                        "type",
                        "unknown rule type '" + type + "'; installed types: "
                                + String.join(", ", plugins.typeNames(PluginKind.RULE))));
        try {
            return factory.compile(query, PluginConfig.empty());
        } catch (RuleSyntaxException e) {
            String detail = e.expected() == null ? e.getMessage() : e.getMessage() + "; expected " + e.expected();
            throw new InvalidRuleException("query", detail, Math.max(0, e.position()));
        } catch (RuntimeException | LinkageError e) {
            // A third-party rule type that throws must not take the caller down; it is the rule's problem.
            throw new InvalidRuleException("query", "the '" + type + "' rule type failed to compile the rule: " + e);
        }
    }

    /** Reloads every enabled rule, recompiling only those whose version moved, and swaps the snapshot. */
    Book synchronize() {
        changes.lock();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            // The stamp and the rows from one snapshot of the table, so a change between them is not missed.
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Stamp stamp = stamp(connection);
            Book current = book;
            Map<Long, Entry> previous = current == null ? Map.of() : current.entries();
            Map<Long, Entry> next = new LinkedHashMap<>();
            boolean changed = current == null;
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(RULE_COLUMNS + " where enabled order by id")) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    Instant version = rows.getTimestamp(4).toInstant();
                    Entry known = previous.get(id);
                    if (known != null && known.version().equals(version)) {
                        next.put(id, known);
                    } else {
                        next.put(id, new Entry(version, compileOrSkip(id, rows.getString(2), rows.getString(3))));
                        changed = true;
                    }
                }
            }
            connection.commit();
            changed |= !next.keySet().equals(previous.keySet());
            RuleMatcher matcher = changed ? RuleMatcher.of(registered(next)) : current.matcher();
            Book loaded = new Book(matcher, Map.copyOf(next), stamp);
            book = loaded;
            if (changed) {
                LOG.infof("rule book: %d enabled rules, %d skipped", matcher.size(), next.size() - matcher.size());
            }
            return loaded;
        } catch (SQLException e) {
            throw new IllegalStateException("could not load the rules: " + e.getMessage(), e);
        } finally {
            changes.unlock();
        }
    }

    /** Re-reads one rule and patches the snapshot: added, replaced, or removed when deleted or disabled. */
    void refresh(long ruleId) {
        changes.lock();
        try (Connection connection = dataSource.getConnection()) {
            Book current = book;
            if (current == null) {
                synchronize();
                return;
            }
            Entry entry = null;
            try (PreparedStatement statement =
                    connection.prepareStatement(RULE_COLUMNS + " where id = ? and enabled")) {
                statement.setLong(1, ruleId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        entry = new Entry(
                                rows.getTimestamp(4).toInstant(),
                                compileOrSkip(ruleId, rows.getString(2), rows.getString(3)));
                    }
                }
            }
            Map<Long, Entry> entries = new LinkedHashMap<>(current.entries());
            RuleMatcher matcher;
            if (entry == null) {
                entries.remove(ruleId);
                matcher = current.matcher().without(ruleId);
            } else {
                entries.put(ruleId, entry);
                matcher = entry.rule() == null
                        ? current.matcher().without(ruleId)
                        : current.matcher().with(entry.rule());
            }
            // The stamp stays: the next re-check still compares against the table as last synchronised, and finds
            // nothing to recompile for this rule because its version is now known.
            book = new Book(matcher, Map.copyOf(entries), current.stamp());
        } catch (SQLException e) {
            throw new IllegalStateException("could not reload rule " + ruleId + ": " + e.getMessage(), e);
        } finally {
            changes.unlock();
        }
    }

    private RegisteredRule compileOrSkip(long id, String type, String query) {
        try {
            return new RegisteredRule(id, compile(type, query));
        } catch (InvalidRuleException e) {
            LOG.warnf("rule %d is skipped: %s", id, e.getMessage());
            return null;
        }
    }

    private static List<RegisteredRule> registered(Map<Long, Entry> entries) {
        List<RegisteredRule> rules = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            if (entry.rule() != null) {
                rules.add(entry.rule());
            }
        }
        return rules;
    }

    private static Stamp stamp(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(STAMP_SQL)) {
            row.next();
            java.sql.Timestamp latest = row.getTimestamp(3);
            return new Stamp(row.getLong(1), row.getLong(2), latest == null ? Instant.EPOCH : latest.toInstant());
        }
    }

    @Override
    public String toString() {
        Book current = book;
        return "RuleBook["
                + (current == null
                        ? "not loaded"
                        : Objects.toString(current.matcher().size())) + " rules]";
    }
}
