package io.vigil.engine.watch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates, changes and deletes watch rules, validating everything before anything is written: the rule must compile
 * with its type, its delivery must be known, its channels must exist, and it must stay within the size limits.
 *
 * <p>Each change fires {@link RuleChanged} in its transaction, so the {@link RuleBook} applies it right after the
 * commit: a saved rule matches from the next stored article on. Existing articles raise no alert for a new rule (a
 * preview shows what it would have matched).
 */
@ApplicationScoped
public class RuleCatalog {

    /** The longest name accepted. */
    public static final int MAX_NAME_LENGTH = 200;

    /** The longest expression accepted of any type; rule types set tighter limits of their own. */
    public static final int MAX_QUERY_LENGTH = 10_000;

    /** The most channels one rule may notify. */
    public static final int MAX_CHANNELS = 50;

    /** The delivery modes, as the {@code rule.delivery} column allows them. */
    public static final Set<String> DELIVERIES = Set.of("immediate", "hourly", "daily");

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
     */
    public record RuleDefinition(
            String name,
            String query,
            String type,
            Boolean enabled,
            List<Long> channels,
            String delivery,
            Boolean notifyUpdates) {}

    /**
     * Stores a new rule.
     *
     * @throws InvalidRuleException when anything is wrong with it; nothing is stored then
     */
    @Transactional
    public WatchRule create(RuleDefinition definition) {
        WatchRule rule = new WatchRule();
        rule.type = "query";
        rule.enabled = true;
        rule.delivery = "immediate";
        Set<Long> channels = apply(rule, definition, true);
        Instant now = now();
        rule.createdAt = now;
        rule.updatedAt = now;
        rule.persist();
        rule.flush();
        saveChannels(rule.id, channels);
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
        Set<Long> channels = apply(rule, definition, false);
        rule.updatedAt = now();
        if (channels != null) {
            saveChannels(rule.id, channels);
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
     * Validates the definition against the rule's current state and copies it onto the rule; answers the channels to
     * save, or {@code null} to keep them. Changes nothing when it throws.
     */
    private Set<Long> apply(WatchRule rule, RuleDefinition definition, boolean creating) {
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
        book.compile(type, query);
        String name = definition.name() != null
                ? definition.name().strip()
                : creating || definition.query() != null && rule.name.equals(rule.query) ? query.strip() : rule.name;
        if (name.isEmpty()) {
            if (definition.name() != null && !creating) {
                throw new InvalidRuleException("name", "the name is empty; leave it out to keep the current one");
            }
            name = query.strip();
        }
        if (name.length() > MAX_NAME_LENGTH) {
            if (definition.name() != null) {
                throw new InvalidRuleException(
                        "name", "the name is " + name.length() + " characters long; the limit is " + MAX_NAME_LENGTH);
            }
            name = name.substring(0, MAX_NAME_LENGTH - 1) + "…";
        }
        String delivery = definition.delivery() != null ? definition.delivery().strip() : rule.delivery;
        if (!DELIVERIES.contains(delivery)) {
            throw new InvalidRuleException(
                    "delivery", "delivery must be immediate, hourly or daily, not '" + delivery + "'");
        }
        Set<Long> channels = definition.channels() == null ? null : checkedChannels(definition.channels());
        rule.query = query;
        rule.type = type;
        rule.name = name;
        rule.delivery = delivery;
        if (definition.enabled() != null) {
            rule.enabled = definition.enabled();
        }
        if (definition.notifyUpdates() != null) {
            rule.notifyUpdates = definition.notifyUpdates();
        }
        return creating && channels == null ? Set.of() : channels;
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
            boolean exists = !entityManager
                    .createNativeQuery("select 1 from channel where id = ?1")
                    .setParameter(1, id)
                    .getResultList()
                    .isEmpty();
            if (!exists) {
                throw new InvalidRuleException("channels", "there is no channel " + id);
            }
        }
        return channels;
    }

    private void saveChannels(long ruleId, Set<Long> channels) {
        entityManager
                .createNativeQuery("delete from rule_channel where rule_id = ?1")
                .setParameter(1, ruleId)
                .executeUpdate();
        for (long channelId : channels) {
            entityManager
                    .createNativeQuery("insert into rule_channel (rule_id, channel_id) values (?1, ?2)")
                    .setParameter(1, ruleId)
                    .setParameter(2, channelId)
                    .executeUpdate();
        }
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds; the rule book compares versions read back from it.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
