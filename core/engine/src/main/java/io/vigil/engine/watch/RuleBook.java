package io.vigil.engine.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.vigil.engine.archive.ArchiveMigrations;
import io.vigil.engine.archive.ArchiveReady;
import io.vigil.engine.input.LoggedText;
import io.vigil.engine.plugin.PluginCalls;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.RegisteredRule;
import io.vigil.engine.rule.RuleMatcher;
import io.vigil.spi.PluginKind;
import io.vigil.spi.config.ConfigProblem;
import io.vigil.spi.config.InvalidConfigException;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleContext;
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
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The enabled rules, compiled once into an immutable {@link RuleMatcher} snapshot that every new article is matched
 * against; the snapshot is replaced atomically whenever the rules change.
 *
 * <p>Lifecycle: loaded when the archive is ready (or by the first article that asks earlier); patched right after a
 * change made on this instance commits ({@link RuleChanged}); patched when another instance's change commits, which
 * {@link RuleChangeListener} hears through PostgreSQL's {@code LISTEN/NOTIFY} within a quarter of a second; and, as a
 * safety net for a notice lost with a connection, re-synchronised every
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
    private static final String RULE_COLUMNS = "select id, type, query, updated_at, settings::text from rule";

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * @param matcher the rules that read only the text, matched inside the storing transaction
     * @param deferred the rules that read costly features ({@link CompiledRule#features()}), matched after it
     */
    private record Book(RuleMatcher matcher, RuleMatcher deferred, Map<Long, Entry> entries, Stamp stamp) {
        int size() {
            return matcher.size() + deferred.size();
        }
    }

    @PostConstruct
    void registerGauge() {
        Gauge.builder("vigil.rules.active", this, rules -> {
                    Book current = rules.book;
                    return current == null ? 0 : current.size();
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
            LOG.errorf(
                    "could not apply the change of rule %d now; the next re-check will: %s",
                    changed.ruleId(), LoggedText.of(e));
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
            LOG.warnf("could not re-check the rules: %s", LoggedText.of(e.getMessage()));
        }
    }

    /** The current snapshot of the enabled rules; loads them first if nothing has yet. */
    public RuleMatcher matcher() {
        Book current = book;
        return current != null ? current.matcher() : synchronize().matcher();
    }

    /**
     * The snapshot of the enabled rules that read costly derived features (semantic rules): matched after the article
     * is stored, by {@link FeatureMatching}; empty while there are none, so no feature is computed then.
     */
    public RuleMatcher deferredMatcher() {
        Book current = book;
        return current != null ? current.deferred() : synchronize().deferred();
    }

    /** The installed rule types that cannot compile rules now, each with the reason (a model that did not load). */
    public Map<String, String> unavailableTypes() {
        Map<String, String> unavailable = new java.util.TreeMap<>();
        for (String type : plugins.typeNames(PluginKind.RULE)) {
            plugins.ruleTypeFactory(type)
                    .flatMap(RuleBook::unavailable)
                    .ifPresent(reason -> unavailable.put(type, reason));
        }
        return unavailable;
    }

    private static Optional<String> unavailable(RuleTypeFactory factory) {
        try {
            return factory.unavailable();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("the rule type failed to say whether it works: " + e);
        }
    }

    /** The analyser articles are read with before matching, live and in previews. */
    public ArticleAnalyzer analyzer() {
        return analyzer;
    }

    /**
     * Compiles an expression with its type's factory and its default settings, as for a search of the archive.
     *
     * @throws InvalidRuleException as {@link #compile(String, String, Map)}
     */
    public CompiledRule compile(String type, String query) {
        return compile(type, query, Map.of());
    }

    /**
     * Compiles an expression with its type's factory and the rule's settings, as the rule book would.
     *
     * @param settings the rule-type settings as stored or sent; validated against the type's spec here
     * @throws InvalidRuleException when the type is not installed or cannot work now (field {@code type}), a setting
     *     does not fit (field {@code settings.<name>}) or the expression does not compile (field {@code query}, with
     *     the position of a syntax error)
     */
    public CompiledRule compile(String type, String query, Map<String, String> settings) {
        RuleTypeFactory factory = plugins.ruleTypeFactory(type)
                .orElseThrow(() -> new InvalidRuleException(
                        "type",
                        "unknown rule type '" + type + "'; installed types: "
                                + String.join(", ", plugins.typeNames(PluginKind.RULE))));
        Optional<String> unavailable = unavailable(factory);
        if (unavailable.isPresent()) {
            throw new InvalidRuleException("type", "'" + type + "' rules are disabled: " + unavailable.get());
        }
        ClassLoader caller = PluginCalls.enter(factory);
        try {
            PluginConfig config = factory.configSpec().validate(settings == null ? Map.of() : settings);
            return factory.compile(query, config, context);
        } catch (InvalidConfigException e) {
            ConfigProblem first = e.problems().get(0);
            throw new InvalidRuleException("settings." + first.field(), e.getMessage());
        } catch (RuleSyntaxException e) {
            String detail = e.expected() == null ? e.getMessage() : e.getMessage() + "; expected " + e.expected();
            throw new InvalidRuleException("query", detail, Math.max(0, e.position()));
        } catch (InvalidRuleException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // A third-party rule type that throws must not take the caller down; it is the rule's problem.
            throw new InvalidRuleException("query", "the '" + type + "' rule type failed to compile the rule: " + e);
        } finally {
            PluginCalls.leave(caller);
        }
    }

    /** What rule types may use while compiling: stored articles and the other rule types. */
    private final RuleContext context = new RuleContext() {
        @Override
        public Optional<MatchInput> article(long id) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(
                            "select title, body, source_name, language from article where id = ?")) {
                statement.setLong(1, id);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(
                            analyzer.analyze(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read article " + id + ": " + e.getMessage(), e);
            }
        }

        @Override
        public CompiledRule compile(String type, String expression, Map<String, String> settings)
                throws RuleSyntaxException {
            try {
                return RuleBook.this.compile(type, expression, settings);
            } catch (InvalidRuleException e) {
                throw new RuleSyntaxException(
                        e.field() + ": " + e.getMessage(), e.position() == null ? 0 : e.position(), null);
            }
        }
    };

    /**
     * How a stored rule's type reads it ({@link CompiledRule#reading()}), for the alert page and notifications; empty
     * when the type says nothing more than the expression, or when the rule does not compile (any more).
     */
    public Optional<String> reading(long ruleId) {
        Book current = book;
        Entry entry = current == null ? null : current.entries().get(ruleId);
        if (entry != null && entry.rule() != null) {
            return entry.rule().rule().reading();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(RULE_COLUMNS + " where id = ?")) {
            statement.setLong(1, ruleId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return compile(row.getString(2), row.getString(3), settings(row.getString(5)))
                        .reading();
            }
        } catch (SQLException | RuntimeException e) {
            // InvalidRuleException above all: a rule stored before its type changed reads as itself
            return Optional.empty();
        }
    }

    /** The settings column as a map; an unreadable value reads as no settings. */
    static Map<String, String> settings(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            JSON.readTree(json)
                    .properties()
                    .forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
            return settings;
        } catch (java.io.IOException e) {
            return Map.of();
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
                        next.put(
                                id,
                                new Entry(
                                        version,
                                        compileOrSkip(id, rows.getString(2), rows.getString(3), rows.getString(5))));
                        changed = true;
                    }
                }
            }
            connection.commit();
            changed |= !next.keySet().equals(previous.keySet());
            Book loaded = changed
                    ? new Book(
                            RuleMatcher.of(registered(next, false)),
                            RuleMatcher.of(registered(next, true)),
                            Map.copyOf(next),
                            stamp)
                    : new Book(current.matcher(), current.deferred(), current.entries(), stamp);
            book = loaded;
            if (changed) {
                LOG.infof(
                        "rule book: %d enabled rules (%d read derived features), %d skipped",
                        loaded.size(), loaded.deferred().size(), next.size() - loaded.size());
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
                                compileOrSkip(ruleId, rows.getString(2), rows.getString(3), rows.getString(5)));
                    }
                }
            }
            Map<Long, Entry> entries = new LinkedHashMap<>(current.entries());
            RuleMatcher matcher = current.matcher().without(ruleId);
            RuleMatcher deferred = current.deferred().without(ruleId);
            if (entry == null) {
                entries.remove(ruleId);
            } else {
                entries.put(ruleId, entry);
                if (entry.rule() != null && readsFeatures(entry.rule())) {
                    deferred = deferred.with(entry.rule());
                } else if (entry.rule() != null) {
                    matcher = matcher.with(entry.rule());
                }
            }
            // The stamp stays: the next re-check still compares against the table as last synchronised, and finds
            // nothing to recompile for this rule because its version is now known.
            book = new Book(matcher, deferred, Map.copyOf(entries), current.stamp());
        } catch (SQLException e) {
            throw new IllegalStateException("could not reload rule " + ruleId + ": " + e.getMessage(), e);
        } finally {
            changes.unlock();
        }
    }

    private RegisteredRule compileOrSkip(long id, String type, String query, String settings) {
        try {
            return new RegisteredRule(id, compile(type, query, settings(settings)));
        } catch (InvalidRuleException e) {
            LOG.warnf("rule %d is skipped: %s", id, LoggedText.of(e.getMessage()));
            return null;
        }
    }

    private static boolean readsFeatures(RegisteredRule rule) {
        return !rule.rule().features().isEmpty();
    }

    private static List<RegisteredRule> registered(Map<Long, Entry> entries, boolean readingFeatures) {
        List<RegisteredRule> rules = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            if (entry.rule() != null && readsFeatures(entry.rule()) == readingFeatures) {
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
        return "RuleBook[" + (current == null ? "not loaded" : Objects.toString(current.size())) + " rules]";
    }
}
