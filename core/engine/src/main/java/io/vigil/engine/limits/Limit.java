package io.vigil.engine.limits;

import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What a cap bounds: its configuration key, how to count what is held now, and the words a refusal uses. A limit
 * {@linkplain #perUser() per user} counts one owner's objects; the others count everyone's, for objects that belong to
 * the team. What belongs to the team (rules, silences, channels, sources) has both: the team's cap, and a share of it
 * for each user who made them, so one account cannot fill the team's cap and block everyone ({@link #shareOf}).
 */
public enum Limit {
    API_TOKENS(
            "api-tokens",
            LimitSettings::apiTokens,
            "select count(*) from api_token where user_id = ?1 and revoked_at is null"
                    + " and (expires_at is null or expires_at > now())",
            "live API tokens",
            "revoke one first"),
    FEEDS(
            "feeds",
            LimitSettings::feeds,
            "select count(*) from alert_feed where user_id = ?1",
            "feeds",
            "remove one first"),
    PINS(
            "pins",
            LimitSettings::pins,
            "select count(*) from article where pinned_by = (select username from users where id = ?1)"
                    + " and pinned_at is not null",
            "pinned articles",
            "unpin one first"),
    RULES("rules", LimitSettings::rules, "select count(*) from rule", "rules", "delete one first"),
    SILENCES(
            "silences",
            LimitSettings::silences,
            "select count(*) from silence where until > now()",
            "silences in force",
            "end one first"),
    CHANNELS("channels", LimitSettings::channels, "select count(*) from channel", "channels", "delete one first"),
    SOURCES("sources", LimitSettings::sources, "select count(*) from source", "sources", "delete one first"),
    RULES_PER_USER(
            "rules-per-user",
            LimitSettings::rulesPerUser,
            "select count(*) from rule where created_by = ?1",
            "rules",
            "delete one first, or ask an admin to"),
    SILENCES_PER_USER(
            "silences-per-user",
            LimitSettings::silencesPerUser,
            "select count(*) from silence where created_by = ?1 and until > now()",
            "silences in force",
            "end one first"),
    CHANNELS_PER_USER(
            "channels-per-user",
            LimitSettings::channelsPerUser,
            "select count(*) from channel where created_by = ?1",
            "channels",
            "delete one first"),
    SOURCES_PER_USER(
            "sources-per-user",
            LimitSettings::sourcesPerUser,
            "select count(*) from source where created_by = ?1",
            "sources",
            "delete one first");

    private final String key;
    private final ToIntFunction<LimitSettings> cap;
    private final String count;
    private final String held;
    private final String remedy;

    Limit(String key, ToIntFunction<LimitSettings> cap, String count, String held, String remedy) {
        this.key = key;
        this.cap = cap;
        this.count = count;
        this.held = held;
        this.remedy = remedy;
    }

    /** The configuration key: {@code vigil.limits.api-tokens}. */
    public String key() {
        return "vigil.limits." + key;
    }

    /** The per-user share of a team's limit, checked after it; empty for a limit that has none. */
    public Optional<Limit> shareOf() {
        return switch (this) {
            case RULES -> Optional.of(RULES_PER_USER);
            case SILENCES -> Optional.of(SILENCES_PER_USER);
            case CHANNELS -> Optional.of(CHANNELS_PER_USER);
            case SOURCES -> Optional.of(SOURCES_PER_USER);
            case API_TOKENS, FEEDS, PINS, RULES_PER_USER, SILENCES_PER_USER, CHANNELS_PER_USER, SOURCES_PER_USER ->
                Optional.empty();
        };
    }

    /** Whether the cap counts one user's objects rather than everyone's. */
    public boolean perUser() {
        return count.contains("?1");
    }

    int cap(LimitSettings settings) {
        return cap.applyAsInt(settings);
    }

    /** The SQL that counts what is held now; {@code ?1} is the owner's user id for a per-user limit. */
    String countQuery() {
        return count;
    }

    String refusal(int cap) {
        return perUser()
                ? "you have " + cap + " " + held + ", the most one user may have (" + key() + "): " + remedy
                : "Vigil holds " + cap + " " + held + ", the most it is set to hold (" + key() + "): " + remedy;
    }
}
