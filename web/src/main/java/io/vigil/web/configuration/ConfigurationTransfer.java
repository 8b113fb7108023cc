package io.vigil.web.configuration;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.channel.ChannelCatalog;
import io.vigil.alerts.channel.ChannelCatalog.ChannelDefinition;
import io.vigil.alerts.channel.DigestTimes;
import io.vigil.alerts.channel.InvalidChannelException;
import io.vigil.alerts.silence.InvalidSilenceException;
import io.vigil.alerts.silence.Silence;
import io.vigil.alerts.silence.Silences;
import io.vigil.alerts.silence.Silences.SilenceDefinition;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.source.InvalidSourceException;
import io.vigil.engine.source.SourceCatalog;
import io.vigil.engine.source.SourceCatalog.SourceDefinition;
import io.vigil.engine.watch.InvalidRuleException;
import io.vigil.engine.watch.Route;
import io.vigil.engine.watch.RuleCatalog;
import io.vigil.engine.watch.RuleCatalog.EscalationDefinition;
import io.vigil.engine.watch.RuleCatalog.RouteDefinition;
import io.vigil.engine.watch.RuleCatalog.RuleDefinition;
import io.vigil.engine.watch.WatchRule;
import io.vigil.spi.config.ConfigField;
import io.vigil.web.configuration.ConfigDocument.ChannelItem;
import io.vigil.web.configuration.ConfigDocument.Digest;
import io.vigil.web.configuration.ConfigDocument.Escalation;
import io.vigil.web.configuration.ConfigDocument.RuleItem;
import io.vigil.web.configuration.ConfigDocument.SilenceItem;
import io.vigil.web.configuration.ConfigDocument.SourceItem;
import io.vigil.web.configuration.ConfigDocument.UserItem;
import io.vigil.web.configuration.ImportReport.Item;
import io.vigil.web.http.ProblemException;
import io.vigil.web.security.AccountChanges;
import io.vigil.web.security.Role;
import io.vigil.web.security.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration as code: the instance's configuration as a {@link ConfigDocument}, and such a document applied to an
 * instance — all of it or nothing.
 *
 * <p>An import goes through the same catalogs as the API (so it validates exactly as the API does), matching items by
 * name: a new name is created, a known one updated, one that would not change is left alone. Items the instance has and
 * the document does not are kept. Every pass runs in one transaction; an item a catalog refuses marks it for rollback,
 * so the pass ends there, the item is noted, and the next pass runs without it to find whatever else is wrong (items
 * that depend on it, such as a route to a refused channel, are refused in turn). When anything was refused — or on a dry
 * run — the last pass is rolled back too: the report lists every item's outcome and nothing is applied.
 */
@ApplicationScoped
public class ConfigurationTransfer {

    /** A secret's placeholder: the whole value is {@code ${NAME}}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    @Inject
    SourceCatalog sources;

    @Inject
    ChannelCatalog channels;

    @Inject
    RuleCatalog rules;

    @Inject
    Silences silences;

    @Inject
    PluginRegistry plugins;

    @Inject
    AccountChanges accounts;

    // ---- export -----------------------------------------------------------------------------------------------------

    /** The configuration now; call inside a transaction. */
    public ConfigDocument export() {
        Set<String> secretNames = new TreeSet<>();
        List<SourceItem> sourceItems = ConfiguredSource.<ConfiguredSource>find("order by name").list().stream()
                .map(source -> sourceItem(source, secretNames))
                .toList();
        List<Channel> channelRows = Channel.<Channel>find("order by name").list();
        Map<Long, String> channelNames = new HashMap<>();
        channelRows.forEach(channel -> channelNames.put(channel.id, channel.name));
        List<ChannelItem> channelItems = channelRows.stream()
                .map(channel -> channelItem(channel, secretNames))
                .toList();
        List<WatchRule> ruleRows = WatchRule.<WatchRule>find("order by name").list();
        Map<Long, List<Route>> routes =
                WatchRule.routesOf(ruleRows.stream().map(rule -> rule.id).toList());
        Map<Long, String> ruleNames = new HashMap<>();
        ruleRows.forEach(rule -> ruleNames.put(rule.id, rule.name));
        List<RuleItem> ruleItems = ruleRows.stream()
                .map(rule -> ruleItem(rule, routes.getOrDefault(rule.id, List.of()), channelNames))
                .toList();
        List<SilenceItem> silenceItems = Silence.active(Instant.now()).stream()
                .map(silence -> silenceItem(silence, ruleNames))
                .toList();
        List<UserItem> userItems = User.<User>find("order by username").list().stream()
                .map(user -> new UserItem(user.username, user.role, user.oidcSubject))
                .toList();
        return new ConfigDocument(
                ConfigDocument.KIND,
                ConfigDocument.VERSION,
                Instant.now(),
                List.copyOf(secretNames),
                sourceItems,
                channelItems,
                ruleItems,
                silenceItems,
                userItems,
                null);
    }

    private SourceItem sourceItem(ConfiguredSource source, Set<String> secretNames) {
        Set<String> secret = sourceSecrets(source.type);
        Map<String, String> config = new TreeMap<>();
        source.config.forEach((field, value) -> config.put(
                field, secret.contains(field) ? placeholder("source", source.name, field, secretNames) : value));
        return new SourceItem(source.name, source.type, source.enabled, source.fetchIntervalSeconds + "s", config);
    }

    private ChannelItem channelItem(Channel channel, Set<String> secretNames) {
        Map<String, String> config = new TreeMap<>();
        channel.config.forEach((field, value) -> config.put(
                field,
                channels.isSecret(channel.type, field)
                        ? placeholder("channel", channel.name, field, secretNames)
                        : value));
        DigestTimes digest = channel.digestTimes();
        return new ChannelItem(
                channel.name,
                channel.type,
                channel.enabled,
                config,
                new Digest(digest.hour(), digest.timeZone(), digest.day()));
    }

    private static RuleItem ruleItem(WatchRule rule, List<Route> routes, Map<Long, String> channelNames) {
        return new RuleItem(
                rule.name,
                rule.type,
                rule.query,
                rule.enabled,
                rule.notifyUpdates,
                routes.stream()
                        .map(route -> new ConfigDocument.Route(
                                channelNames.get(route.channelId()),
                                route.delivery().id()))
                        .toList(),
                rule.escalation()
                        .map(value ->
                                new Escalation(value.outlets(), value.within().toString()))
                        .orElse(null));
    }

    private static SilenceItem silenceItem(Silence silence, Map<Long, String> ruleNames) {
        return new SilenceItem(
                silence.ruleId == null ? null : ruleNames.get(silence.ruleId),
                silence.query,
                silence.until,
                silence.comment == null || silence.comment.isEmpty() ? null : silence.comment);
    }

    /** {@code ${CHANNEL_OPS_WEBHOOK_SECRET}}: the kind, the item's name and the field, so a reader knows what it is. */
    static String placeholder(String kind, String name, String field, Set<String> names) {
        String secret = (kind + "_" + name + "_" + field)
                .toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9]+", "_")
                .replaceAll("^_|_$", "");
        names.add(secret);
        return "${" + secret + "}";
    }

    private Set<String> sourceSecrets(String type) {
        return plugins.sourceFactory(type)
                .map(factory -> factory.configSpec().fields().stream()
                        .filter(ConfigField::secret)
                        .map(ConfigField::name)
                        .collect(java.util.stream.Collectors.toSet()))
                .orElse(Set.of());
    }

    // ---- import -----------------------------------------------------------------------------------------------------

    /** A pass stopped at an item a catalog refused (its transaction is marked for rollback). */
    private static final class Refused extends RuntimeException {
        final Item item;

        Refused(Item item) {
            super(item.reason(), null, false, false);
            this.item = item;
        }
    }

    /** A complete pass rolled back on purpose (a dry run, or items refused in earlier passes). */
    private static final class RolledBack extends RuntimeException {
        final List<Item> items;

        RolledBack(List<Item> items) {
            super("rolled back", null, false, false);
            this.items = items;
        }
    }

    /**
     * Applies the document, or only reports what it would do ({@code dryRun}); nothing is applied if anything is refused.
     *
     * @param importedBy the user importing, recorded as the maker of what the import creates and counted against their
     *     share of the caps (as if they made each item by hand)
     */
    public ImportReport apply(ConfigDocument document, boolean dryRun, Long importedBy) {
        List<Item> problems = new ArrayList<>(wholeDocumentProblems(document));
        if (!problems.isEmpty()) {
            return new ImportReport(false, dryRun, List.of(), problems);
        }
        Map<String, Item> refused = new LinkedHashMap<>();
        int itemCount = size(document.sources())
                + size(document.channels())
                + size(document.rules())
                + size(document.silences())
                + size(document.users());
        for (int pass = 0; pass <= itemCount; pass++) {
            List<Item> items;
            try {
                items = QuarkusTransaction.requiringNew().call(() -> {
                    List<Item> done = pass(document, refused, importedBy);
                    if (dryRun || !refused.isEmpty()) {
                        throw new RolledBack(done);
                    }
                    return done;
                });
            } catch (Refused stopped) {
                refused.put(stopped.item.key(), stopped.item);
                continue;
            } catch (RolledBack rolledBack) {
                items = rolledBack.items;
            }
            List<Item> all = new ArrayList<>(items);
            all.addAll(refused.values());
            return new ImportReport(refused.isEmpty() && !dryRun, dryRun, all, List.copyOf(refused.values()));
        }
        throw new IllegalStateException("an import pass refused no new item");
    }

    private static int size(Collection<?> items) {
        return items == null ? 0 : items.size();
    }

    /** The kind and version, names present and unique within each kind. */
    private static List<Item> wholeDocumentProblems(ConfigDocument document) {
        List<Item> problems = new ArrayList<>();
        if (document == null) {
            problems.add(Item.refused("document", null, null, "expected a JSON document from GET /api/export"));
            return problems;
        }
        if (!ConfigDocument.KIND.equals(document.kind())) {
            problems.add(Item.refused(
                    "document", null, "kind", "kind must be \"" + ConfigDocument.KIND + "\", not " + document.kind()));
        }
        if (!Objects.equals(document.version(), ConfigDocument.VERSION)) {
            problems.add(Item.refused(
                    "document",
                    null,
                    "version",
                    "this Vigil reads version " + ConfigDocument.VERSION + " documents, not " + document.version()));
        }
        names(problems, "source", document.sources(), SourceItem::name);
        names(problems, "channel", document.channels(), ChannelItem::name);
        names(problems, "rule", document.rules(), RuleItem::name);
        names(problems, "user", document.users(), UserItem::username);
        return problems;
    }

    private static <T> void names(List<Item> problems, String kind, List<T> items, Function<T, String> name) {
        if (items == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String value = items.get(i) == null ? null : name.apply(items.get(i));
            String field = kind + "s[" + i + "]." + (kind.equals("user") ? "username" : "name");
            if (value == null || value.isBlank()) {
                problems.add(Item.refused(kind, null, field, "the name is missing"));
            } else if (!seen.add(value.strip())) {
                problems.add(Item.refused(kind, value, field, "the document names " + kind + " '" + value + "' twice"));
            }
        }
    }

    /** One pass in the current transaction: every item not yet refused, in dependency order. */
    private List<Item> pass(ConfigDocument document, Map<String, Item> refused, Long importedBy) {
        Map<String, String> supplied = document.secretValues() == null ? Map.of() : document.secretValues();
        List<Item> items = new ArrayList<>();
        for (SourceItem source : list(document.sources())) {
            attempt(items, refused, "source", source.name(), () -> importSource(source, supplied, importedBy));
        }
        for (ChannelItem channel : list(document.channels())) {
            attempt(items, refused, "channel", channel.name(), () -> importChannel(channel, supplied, importedBy));
        }
        for (RuleItem rule : list(document.rules())) {
            attempt(items, refused, "rule", rule.name(), () -> importRule(rule, importedBy));
        }
        List<SilenceItem> silenceItems = list(document.silences());
        for (int i = 0; i < silenceItems.size(); i++) {
            SilenceItem silence = silenceItems.get(i);
            attempt(items, refused, "silence", "silences[" + i + "]", () -> importSilence(silence, importedBy));
        }
        for (UserItem user : list(document.users())) {
            attempt(items, refused, "user", user.username(), () -> importUser(user));
        }
        return items;
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static void attempt(
            List<Item> items,
            Map<String, Item> refused,
            String kind,
            String name,
            java.util.function.Supplier<String> work) {
        if (refused.containsKey(kind + "\u0000" + name)) {
            return;
        }
        try {
            items.add(Item.of(kind, name, work.get()));
        } catch (RuntimeException e) {
            if (e instanceof Refused || e instanceof RolledBack) {
                throw e;
            }
            throw new Refused(Item.refused(kind, name, field(e), e.getMessage()));
        }
    }

    private static String field(RuntimeException e) {
        return switch (e) {
            case InvalidRuleException rule -> rule.field();
            case InvalidSourceException source -> source.field();
            case InvalidChannelException channel -> channel.field();
            case InvalidSilenceException silence -> silence.field();
            case RefusedField refusedField -> refusedField.field;
            case ProblemException problem -> problem.problem().field();
            default -> null;
        };
    }

    /** A problem this class finds itself, naming the field at fault. */
    private static final class RefusedField extends RuntimeException {
        final String field;

        RefusedField(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private String importSource(SourceItem item, Map<String, String> supplied, Long importedBy) {
        ConfiguredSource existing =
                ConfiguredSource.findByName(item.name().strip()).orElse(null);
        Set<String> secret = sourceSecrets(item.type() == null ? "" : item.type());
        Map<String, String> config =
                resolve(item.config(), secret, supplied, existing == null ? null : existing.config);
        SourceDefinition definition =
                new SourceDefinition(item.type(), item.name(), config, enabledOf(item.enabled()), item.interval());
        if (existing == null) {
            sources.create(definition, importedBy);
            return "created";
        }
        Set<String> ignored = new TreeSet<>();
        SourceItem now = sourceItem(existing, ignored);
        boolean same = now.type().equals(item.type())
                && now.enabled() == definition.enabled()
                && (item.interval() == null
                        || now.interval().equals(item.interval().strip()))
                && now.config().equals(new TreeMap<>(item.config() == null ? Map.of() : item.config()))
                && secretsUnchanged(item.config(), secret, supplied, existing.config);
        if (same) {
            return "unchanged";
        }
        sources.update(existing.id, definition);
        return "updated";
    }

    private String importChannel(ChannelItem item, Map<String, String> supplied, Long importedBy) {
        Channel existing = Channel.findByName(item.name().strip()).orElse(null);
        Set<String> secret = new HashSet<>();
        if (item.config() != null && item.type() != null) {
            item.config().keySet().stream()
                    .filter(field -> channels.isSecret(item.type(), field))
                    .forEach(secret::add);
        }
        Map<String, String> config =
                resolve(item.config(), secret, supplied, existing == null ? null : existing.config);
        Digest digest = item.digest();
        ChannelDefinition definition = new ChannelDefinition(
                item.type(),
                item.name(),
                config,
                enabledOf(item.enabled()),
                digest == null ? null : new DigestTimes(digest.hour(), digest.timeZone(), digest.day()));
        if (existing == null) {
            channels.create(definition, importedBy);
            return "created";
        }
        ChannelItem now = channelItem(existing, new TreeSet<>());
        boolean same = now.type().equals(item.type())
                && now.enabled() == definition.enabled()
                && now.config().equals(new TreeMap<>(item.config() == null ? Map.of() : item.config()))
                && (digest == null || digest.equals(now.digest()))
                && secretsUnchanged(item.config(), secret, supplied, existing.config);
        if (same) {
            return "unchanged";
        }
        channels.update(existing.id, definition);
        return "updated";
    }

    private String importRule(RuleItem item, Long importedBy) {
        List<RouteDefinition> routes = new ArrayList<>();
        List<ConfigDocument.Route> given = list(item.routes());
        for (int i = 0; i < given.size(); i++) {
            ConfigDocument.Route route = given.get(i);
            String channel = route == null ? null : route.channel();
            if (channel == null || channel.isBlank()) {
                throw new RefusedField("routes[" + i + "].channel", "the route names no channel");
            }
            String field = "routes[" + i + "].channel";
            long channelId = Channel.findByName(channel.strip())
                    .map(found -> found.id)
                    .orElseThrow(() -> new RefusedField(field, "there is no channel named '" + channel + "'"));
            routes.add(new RouteDefinition(channelId, route.delivery()));
        }
        EscalationDefinition escalation = item.escalation() == null
                ? EscalationDefinition.NONE
                : new EscalationDefinition(
                        item.escalation().outlets(), item.escalation().within());
        RuleDefinition definition = new RuleDefinition(
                item.name(),
                item.query(),
                item.type(),
                enabledOf(item.enabled()),
                null,
                null,
                item.notifyUpdates() != null && item.notifyUpdates(),
                routes,
                item.escalation() == null ? null : escalation);
        Optional<WatchRule> existing =
                WatchRule.<WatchRule>find("name", item.name().strip()).firstResultOptional();
        if (existing.isEmpty()) {
            rules.create(definition, importedBy);
            return "created";
        }
        WatchRule rule = existing.get();
        Map<Long, String> channelNames = new HashMap<>();
        Channel.<Channel>listAll().forEach(channel -> channelNames.put(channel.id, channel.name));
        RuleItem now = ruleItem(rule, rule.routes(), channelNames);
        RuleItem wanted = new RuleItem(
                item.name().strip(),
                item.type() == null ? "query" : item.type(),
                item.query(),
                enabledOf(item.enabled()),
                item.notifyUpdates() != null && item.notifyUpdates(),
                given,
                item.escalation());
        if (now.equals(wanted)) {
            return "unchanged";
        }
        rules.update(
                rule.id,
                new RuleDefinition(
                        definition.name(),
                        definition.query(),
                        definition.type(),
                        definition.enabled(),
                        null,
                        null,
                        definition.notifyUpdates(),
                        routes,
                        escalation));
        return "updated";
    }

    private String importSilence(SilenceItem item, Long importedBy) {
        Long ruleId = null;
        if (item.rule() != null) {
            ruleId = WatchRule.<WatchRule>find("name", item.rule().strip())
                    .firstResultOptional()
                    .map(rule -> rule.id)
                    .orElseThrow(() -> new RefusedField("rule", "there is no rule named '" + item.rule() + "'"));
        }
        Long rule = ruleId;
        String query = item.query() == null || item.query().isBlank()
                ? null
                : item.query().strip();
        String comment = item.comment() == null ? "" : item.comment().strip();
        boolean known = Silence.active(Instant.now()).stream()
                .anyMatch(silence -> Objects.equals(silence.ruleId, rule)
                        && Objects.equals(silence.query, query)
                        && Objects.equals(silence.until, item.until())
                        && Objects.equals(silence.comment == null ? "" : silence.comment, comment));
        if (known) {
            return "unchanged";
        }
        silences.create(new SilenceDefinition(rule, query, item.until(), comment), importedBy, Instant.now());
        return "created";
    }

    private String importUser(UserItem item) {
        Role role;
        try {
            role = Role.of(item.role());
        } catch (IllegalArgumentException e) {
            throw new RefusedField("role", e.getMessage());
        }
        Optional<User> existing = User.named(item.username().strip());
        if (existing.isEmpty()) {
            // no password travels: the user signs in with the identity provider, or an admin sets one
            User user = accounts.create(item.username().strip(), "import-" + UUID.randomUUID() + "-Aa1!", role);
            user.oidcSubject = item.oidcSubject();
            return "created";
        }
        User user = existing.get();
        if (item.oidcSubject() != null && !item.oidcSubject().equals(user.oidcSubject)) {
            // linking an account to another provider identity would let whoever holds that identity sign in as them
            throw new RefusedField(
                    "oidcSubject",
                    user.username + " is " + (user.oidcSubject == null ? "a local user" : "linked to another subject")
                            + "; an import links only the users it creates, it never re-links an account");
        }
        if (user.role() == role) {
            return "unchanged";
        }
        accounts.changeRole(user, role);
        return "updated";
    }

    private static boolean enabledOf(Boolean enabled) {
        return enabled == null || enabled;
    }

    /**
     * The settings with each secret's placeholder replaced by its supplied value; a secret not supplied keeps the saved
     * value (blank, as the catalogs read it), and is refused when there is none to keep.
     */
    private static Map<String, String> resolve(
            Map<String, String> config, Set<String> secret, Map<String, String> supplied, Map<String, String> saved) {
        Map<String, String> resolved = new HashMap<>();
        if (config == null) {
            return resolved;
        }
        config.forEach((field, value) -> {
            Matcher placeholder = value == null ? null : PLACEHOLDER.matcher(value);
            if (placeholder == null || !placeholder.matches()) {
                resolved.put(field, value);
                return;
            }
            String name = placeholder.group(1);
            String given = supplied.get(name);
            if (given != null) {
                resolved.put(field, given);
            } else if (secret.contains(field) && saved != null && saved.containsKey(field)) {
                resolved.put(field, "");
            } else {
                throw new RefusedField(
                        "config." + field,
                        "the secret " + name + " is not supplied (secretValues." + name
                                + ", or the environment variable " + name + " with ./vigil import)");
            }
        });
        return resolved;
    }

    private static boolean secretsUnchanged(
            Map<String, String> config, Set<String> secret, Map<String, String> supplied, Map<String, String> saved) {
        if (config == null) {
            return true;
        }
        for (Map.Entry<String, String> entry : config.entrySet()) {
            Matcher placeholder = entry.getValue() == null ? null : PLACEHOLDER.matcher(entry.getValue());
            if (placeholder != null && placeholder.matches() && secret.contains(entry.getKey())) {
                String given = supplied.get(placeholder.group(1));
                if (given != null && !given.equals(saved.get(entry.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }
}
