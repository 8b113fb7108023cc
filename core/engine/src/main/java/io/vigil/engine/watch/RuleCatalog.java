package io.vigil.engine.watch;

import io.vigil.engine.input.TextLimits;
import io.vigil.engine.limits.CreationLimits;
import io.vigil.engine.limits.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates, changes and deletes watch rules, validating everything before anything is written: the rule must compile
 * with its type, its deliveries must be known, its channels must exist, its escalation must be sensible, and it must
 * stay within the size limits.
 *
 * <p>Routes: a rule sends to each of its channels with that route's own delivery. A client either lists the routes
 * ({@code routes: [{channelId, delivery}]}) or uses the one-mode shorthand ({@code channels} and {@code delivery}: every
 * channel with the same delivery). Both may be sent together only when they agree — as they do in a rule read back
 * from the API — otherwise the request is refused, naming the field that disagrees, so nothing is silently ignored.
 *
 * <p>Each change fires {@link RuleChanged} in its transaction, so the {@link RuleBook} applies it right after the
 * commit: a saved rule matches from the next stored article on. Existing articles raise no alert for a new rule (a
 * preview shows what it would have matched).
 */
@ApplicationScoped
public class RuleCatalog {

    /** The longest name accepted. */
    public static final int MAX_NAME_LENGTH = TextLimits.NAME;

    /** The longest expression accepted of any type; rule types set tighter limits of their own. */
    public static final int MAX_QUERY_LENGTH = 10_000;

    /** The most channels one rule may notify. */
    public static final int MAX_CHANNELS = 50;

    @Inject
    CreationLimits limits;

    @Inject
    RuleBook book;

    @Inject
    EntityManager entityManager;

    @Inject
    Event<RuleChanged> changed;

    /**
     * What a client asks for; on a change, a {@code null} field keeps the rule's current value.
     *
     * @param name a label; defaults to the query
     * @param query the expression
     * @param type the rule type, {@code query} by default
     * @param enabled whether it matches new articles, {@code true} by default
     * @param channels the ids of the channels to notify
     * @param delivery {@code immediate} (the default), {@code hourly} or {@code daily}
     * @param notifyUpdates whether an immediate rule reports more outlets joining a story, {@code false} by default
     * @param routes each channel with its own delivery; {@code null} keeps them (or takes them from the shorthand)
     * @param escalation when stories escalate; {@code null} keeps it, {@link EscalationDefinition#NONE} removes it
     * @param settings the rule type's settings (validated against its spec); {@code null} keeps them while the type
     *     stays, and leaves none when the type changes
     */
    public record RuleDefinition(
            String name,
            String query,
            String type,
            Boolean enabled,
            List<Long> channels,
            String delivery,
            Boolean notifyUpdates,
            List<RouteDefinition> routes,
            EscalationDefinition escalation,
            Map<String, String> settings) {

        /** A definition without settings: the type's defaults on creation, the rule's own on a change. */
        public RuleDefinition(
                String name,
                String query,
                String type,
                Boolean enabled,
                List<Long> channels,
                String delivery,
                Boolean notifyUpdates,
                List<RouteDefinition> routes,
                EscalationDefinition escalation) {
            this(name, query, type, enabled, channels, delivery, notifyUpdates, routes, escalation, null);
        }

        /** A definition in the one-mode shorthand, leaving routes and escalation to the shorthand and as they are. */
        public RuleDefinition(
                String name,
                String query,
                String type,
                Boolean enabled,
                List<Long> channels,
                String delivery,
                Boolean notifyUpdates) {
            this(name, query, type, enabled, channels, delivery, notifyUpdates, null, null);
        }
    }

    /**
     * One route as a client asks for it, checked when the rule is saved.
     *
     * @param channelId the channel
     * @param delivery {@code immediate}, {@code hourly}, {@code daily} or {@code weekly}; {@code null} takes the
     *     request's {@code delivery}, or the rule's
     */
    public record RouteDefinition(Long channelId, String delivery) {}

    /**
     * An escalation as a client asks for it, checked when the rule is saved; both {@code null} means "none".
     *
     * @param outlets the distinct outlets, {@value Escalation#MIN_OUTLETS} to {@value Escalation#MAX_OUTLETS}
     * @param within an ISO-8601 duration such as {@code PT1H}, one minute to 30 days
     */
    public record EscalationDefinition(Integer outlets, String within) {
        /** No escalation. */
        public static final EscalationDefinition NONE = new EscalationDefinition(null, null);
    }

    /**
     * Stores a new rule.
     *
     * @param createdBy the user making it, counted against their share of the cap; {@code null} records nobody
     * @throws InvalidRuleException when anything is wrong with it; nothing is stored then
     */
    @Transactional
    public WatchRule create(RuleDefinition definition, Long createdBy) {
        limits.admitOneFor(Limit.RULES, createdBy);
        WatchRule rule = new WatchRule();
        rule.createdBy = createdBy;
        rule.type = "query";
        rule.enabled = true;
        rule.delivery = Delivery.IMMEDIATE;
        List<Route> routes = apply(rule, definition, true);
        Instant now = now();
        rule.createdAt = now;
        rule.updatedAt = now;
        rule.persist();
        rule.flush();
        saveRoutes(rule, routes);
        changed.fire(new RuleChanged(rule.id));
        return rule;
    }

    /**
     * Changes a rule; fields left {@code null} keep their value.
     *
     * @return the changed rule, or empty when there is none with this id
     * @throws InvalidRuleException when anything is wrong with the result; nothing is changed then
     */
    @Transactional
    public Optional<WatchRule> update(long id, RuleDefinition definition) {
        WatchRule rule = WatchRule.findById(id);
        if (rule == null) {
            return Optional.empty();
        }
        List<Route> routes = apply(rule, definition, false);
        rule.updatedAt = now();
        if (routes != null) {
            saveRoutes(rule, routes);
        }
        changed.fire(new RuleChanged(rule.id));
        return Optional.of(rule);
    }

    /** Deletes a rule with its matches and alerts; answers whether there was one. */
    @Transactional
    public boolean delete(long id) {
        boolean deleted = WatchRule.deleteById(id);
        if (deleted) {
            changed.fire(new RuleChanged(id));
        }
        return deleted;
    }

    /**
     * The rule's name, one no other rule has: a configuration export names rules, its import and its silences find
     * them by name, and two rules of one name made the export impossible to import back. A name asked for that
     * another rule has is refused; one taken from the rule's text gets the first free " (2)", " (3)"….
     */
    private static String unique(String name, Long self, boolean asked) {
        if (!taken(name, self)) {
            return name;
        }
        if (asked) {
            throw new InvalidRuleException("name", "another rule is named '" + name + "'; choose another name");
        }
        String base = name.length() > MAX_NAME_LENGTH - 8 ? name.substring(0, MAX_NAME_LENGTH - 9) + "…" : name;
        for (int n = 2; ; n++) {
            String numbered = base + " (" + n + ")";
            if (!taken(numbered, self)) {
                return numbered;
            }
        }
    }

    private static boolean taken(String name, Long self) {
        return self == null
                ? WatchRule.count("name", name) > 0
                : WatchRule.count("name = ?1 and id <> ?2", name, self) > 0;
    }

    /**
     * Validates the definition against the rule's current state and copies it onto the rule; answers the routes to
     * save, or {@code null} to keep them. Changes nothing when it throws.
     */
    private List<Route> apply(WatchRule rule, RuleDefinition definition, boolean creating) {
        if (definition == null) {
            throw new InvalidRuleException(null, "the request has no body; send {\"query\": \"...\"}");
        }
        String query = definition.query() != null ? definition.query() : rule.query;
        if (query == null || query.isBlank()) {
            throw new InvalidRuleException("query", InvalidRuleException.EMPTY, 0);
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidRuleException(
                    "query",
                    "the rule is " + query.length() + " characters long; the limit is " + MAX_QUERY_LENGTH,
                    MAX_QUERY_LENGTH);
        }
        String type = definition.type() != null ? definition.type().strip() : rule.type;
        if (type.isEmpty()) {
            throw new InvalidRuleException("type", "the rule type is empty; leave it out for 'query'");
        }
        Map<String, String> settings = definition.settings() != null
                ? definition.settings()
                : type.equals(rule.type) && rule.settings != null ? rule.settings : Map.of();
        // Compiling validates the settings against the type's spec and checks what the type checks (article ids).
        book.compile(type, query, settings);
        String name = definition.name() != null
                ? definition.name().strip()
                : creating || definition.query() != null && rule.name.equals(rule.query) ? query.strip() : rule.name;
        if (name.isEmpty()) {
            if (definition.name() != null && !creating) {
                throw new InvalidRuleException("name", "the name is empty; leave it out to keep the current one");
            }
            name = query.strip();
        }
        if (definition.name() != null) {
            TextLimits.notOneLine("name", name).ifPresent(twoLines -> {
                throw new InvalidRuleException("name", twoLines);
            });
        } else {
            // A name taken from the rule's text, which may run over several lines.
            name = TextLimits.oneLine(name);
        }
        if (name.length() > MAX_NAME_LENGTH) {
            if (definition.name() != null) {
                throw new InvalidRuleException(
                        "name", "the name is " + name.length() + " characters long; the limit is " + MAX_NAME_LENGTH);
            }
            name = name.substring(0, MAX_NAME_LENGTH - 1) + "…";
        }
        name = unique(name, rule.id, definition.name() != null);
        Delivery shorthand = definition.delivery() == null ? null : delivery("delivery", definition.delivery());
        List<Route> routes = routes(rule, definition, shorthand, creating);
        Optional<Escalation> escalation =
                definition.escalation() == null ? rule.escalation() : escalation(definition.escalation());
        rule.query = query;
        rule.type = type;
        rule.settings = new HashMap<>(settings);
        rule.name = name;
        rule.delivery = ownDelivery(rule.delivery, shorthand, routes);
        if (definition.enabled() != null) {
            rule.enabled = definition.enabled();
        }
        if (definition.notifyUpdates() != null) {
            rule.notifyUpdates = definition.notifyUpdates();
        }
        rule.escalationOutlets = escalation.map(Escalation::outlets).orElse(null);
        rule.escalationWithinSeconds =
                escalation.map(value -> value.within().toSeconds()).orElse(null);
        return creating && routes == null ? List.of() : routes;
    }

    // --- Routes and the one-mode shorthand ---

    /**
     * The routes the definition asks for, checked: from {@code routes}, or from the shorthand ({@code channels} with
     * {@code delivery}, or {@code delivery} alone for the rule's current channels); {@code null} to keep them.
     */
    private List<Route> routes(WatchRule rule, RuleDefinition definition, Delivery shorthand, boolean creating) {
        List<Route> current = creating ? List.of() : rule.routes();
        if (definition.routes() != null) {
            List<Route> routes = listedRoutes(definition.routes(), shorthand != null ? shorthand : rule.delivery);
            if (definition.channels() != null) {
                Set<Long> listed = new LinkedHashSet<>(definition.channels());
                Set<Long> routed = new LinkedHashSet<>(
                        routes.stream().map(Route::channelId).toList());
                if (!listed.equals(routed)) {
                    throw new InvalidRuleException(
                            "channels",
                            "channels " + listed + " and the channels of routes " + routed
                                    + " differ; send routes alone (channels is their shorthand)");
                }
            }
            if (shorthand != null) {
                for (int i = 0; i < routes.size(); i++) {
                    if (routes.get(i).delivery() != shorthand) {
                        throw new InvalidRuleException(
                                "delivery",
                                "delivery is " + shorthand.id() + " but routes[" + i + "] is "
                                        + routes.get(i).delivery().id()
                                        + "; leave delivery out to give the routes different deliveries");
                    }
                }
            }
            return routes;
        }
        if (definition.channels() != null) {
            Map<Long, Delivery> before = new HashMap<>();
            current.forEach(route -> before.put(route.channelId(), route.delivery()));
            List<Route> routes = new ArrayList<>();
            for (long channelId : checkedChannels(definition.channels())) {
                Delivery delivery = shorthand != null ? shorthand : before.getOrDefault(channelId, rule.delivery);
                routes.add(new Route(channelId, delivery));
            }
            return routes;
        }
        if (shorthand != null) {
            return current.stream()
                    .map(route -> new Route(route.channelId(), shorthand))
                    .toList();
        }
        return null;
    }

    private List<Route> listedRoutes(List<RouteDefinition> requested, Delivery fallback) {
        if (requested.size() > MAX_CHANNELS) {
            throw new InvalidRuleException(
                    "routes", "a rule may have at most " + MAX_CHANNELS + " routes, not " + requested.size());
        }
        Map<Long, Route> routes = new LinkedHashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            RouteDefinition route = requested.get(i);
            String field = "routes[" + i + "]";
            if (route == null) {
                throw new InvalidRuleException(
                        field, field + " is null; expected {\"channelId\": 3, \"delivery\": \"daily\"}");
            }
            if (route.channelId() == null) {
                throw new InvalidRuleException(field + ".channelId", field + " names no channelId");
            }
            Delivery delivery = route.delivery() == null ? fallback : delivery(field + ".delivery", route.delivery());
            if (!channelExists(route.channelId())) {
                throw new InvalidRuleException(field + ".channelId", "there is no channel " + route.channelId());
            }
            if (routes.putIfAbsent(route.channelId(), new Route(route.channelId(), delivery)) != null) {
                throw new InvalidRuleException(
                        field + ".channelId", "channel " + route.channelId() + " has two routes; give it one");
            }
        }
        return List.copyOf(routes.values());
    }

    private static Delivery delivery(String field, String value) {
        return Delivery.of(value)
                .orElseThrow(() -> new InvalidRuleException(
                        field, field + " must be " + Delivery.names() + ", not '" + value + "'"));
    }

    /**
     * The rule's own delivery after a change: the shorthand's when given, else the one all new routes share, else (for
     * routes that differ) what it was, which a channel added later through the shorthand follows.
     */
    private static Delivery ownDelivery(Delivery current, Delivery shorthand, List<Route> routes) {
        if (shorthand != null) {
            return shorthand;
        }
        if (routes != null && !routes.isEmpty()) {
            return WatchRule.sharedDelivery(current, routes).orElse(current);
        }
        return current;
    }

    /**
     * Writes the routes, changing only the rows that change: a route that stays keeps what it owes its digest, and a
     * route that takes the rule's own delivery stores none of its own, so the shorthand moves it with the rule.
     */
    private void saveRoutes(WatchRule rule, List<Route> routes) {
        Long[] channelIds = routes.stream().map(Route::channelId).toArray(Long[]::new);
        entityManager
                .createNativeQuery("delete from rule_channel where rule_id = ?1 and not (channel_id = any(?2))")
                .setParameter(1, rule.id)
                .setParameter(2, channelIds)
                .executeUpdate();
        for (Route route : routes) {
            entityManager
                    .createNativeQuery(
                            """
                            insert into rule_channel (rule_id, channel_id, delivery) values (?1, ?2, ?3)
                            on conflict (rule_id, channel_id) do update set delivery = excluded.delivery
                            """)
                    .setParameter(1, rule.id)
                    .setParameter(2, route.channelId())
                    .setParameter(
                            3,
                            route.delivery() == rule.delivery
                                    ? null
                                    : route.delivery().id())
                    .executeUpdate();
        }
    }

    // --- Escalation ---

    private static Optional<Escalation> escalation(EscalationDefinition definition) {
        if (definition.outlets() == null && definition.within() == null) {
            return Optional.empty();
        }
        if (definition.outlets() == null) {
            throw new InvalidRuleException(
                    "escalation.outlets", "escalation needs outlets, the number of distinct outlets (2 or more)");
        }
        if (definition.outlets() < Escalation.MIN_OUTLETS || definition.outlets() > Escalation.MAX_OUTLETS) {
            throw new InvalidRuleException(
                    "escalation.outlets",
                    "escalation.outlets must be " + Escalation.MIN_OUTLETS + " to " + Escalation.MAX_OUTLETS
                            + " distinct outlets, not " + definition.outlets());
        }
        if (definition.within() == null || definition.within().isBlank()) {
            throw new InvalidRuleException(
                    "escalation.within", "escalation needs within, an ISO-8601 duration such as PT1H");
        }
        Duration within;
        try {
            within = Duration.parse(definition.within().strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRuleException(
                    "escalation.within",
                    "escalation.within must be an ISO-8601 duration such as PT1H or P1D, not '" + definition.within()
                            + "'");
        }
        if (within.compareTo(Escalation.MIN_WITHIN) < 0 || within.compareTo(Escalation.MAX_WITHIN) > 0) {
            throw new InvalidRuleException(
                    "escalation.within",
                    "escalation.within must be between " + Escalation.MIN_WITHIN + " and " + Escalation.MAX_WITHIN
                            + " (30 days), not " + within);
        }
        return Optional.of(new Escalation(definition.outlets(), within));
    }

    private Set<Long> checkedChannels(List<Long> requested) {
        Set<Long> channels = new LinkedHashSet<>();
        for (Long id : requested) {
            if (id == null) {
                throw new InvalidRuleException("channels", "a channel id is null");
            }
            channels.add(id);
        }
        if (channels.size() > MAX_CHANNELS) {
            throw new InvalidRuleException(
                    "channels", "a rule may notify at most " + MAX_CHANNELS + " channels, not " + channels.size());
        }
        for (long id : channels) {
            if (!channelExists(id)) {
                throw new InvalidRuleException("channels", "there is no channel " + id);
            }
        }
        return channels;
    }

    private boolean channelExists(long id) {
        return !entityManager
                .createNativeQuery("select 1 from channel where id = ?1")
                .setParameter(1, id)
                .getResultList()
                .isEmpty();
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds; the rule book compares versions read back from it.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
